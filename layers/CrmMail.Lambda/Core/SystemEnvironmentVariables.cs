namespace CrmMail.Lambda.Core;

/// <summary>The process environment.</summary>
public sealed class SystemEnvironmentVariables : IEnvironmentVariables
{
    /// <summary>The shared instance.</summary>
    public static SystemEnvironmentVariables Instance { get; } = new();

    /// <inheritdoc />
    public string? GetEnvironmentVariable(string name) => Environment.GetEnvironmentVariable(name);
}
