namespace CrmMail.Lambda.Core;

/// <summary>Reads environment variables; tests hand in a dictionary instead of the process environment.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is not set.</summary>
    string? GetEnvironmentVariable(string name);
}
