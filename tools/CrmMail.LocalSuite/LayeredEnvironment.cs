using CrmMail.Lambda.Core;

namespace CrmMail.LocalSuite;

/// <summary>Variables from the first layer that sets a name (an empty value counts: it reads as unset).</summary>
internal sealed class LayeredEnvironment(params IEnvironmentVariables[] layers) : IEnvironmentVariables
{
    public string? GetEnvironmentVariable(string name) => layers.Select(l => l.GetEnvironmentVariable(name)).FirstOrDefault(v => v is not null);
}
