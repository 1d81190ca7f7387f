namespace CrmMail.Lambda.Core;

/// <summary>A fixed set of variables, for tests and for the local host.</summary>
public sealed class DictionaryEnvironmentVariables(IReadOnlyDictionary<string, string> values) : IEnvironmentVariables
{
    /// <inheritdoc />
    public string? GetEnvironmentVariable(string name) => values.TryGetValue(name, out var value) ? value : null;
}
