using System.Globalization;
using CrmMail.Lambda.Core;

namespace CrmMail.Hosting.Configuration;

/// <summary>
/// Reads and validates environment variables for a function's settings object. Every failure
/// names the variable; nothing falls back silently to an empty string.
/// </summary>
public sealed class EnvironmentReader(IEnvironmentVariables environment)
{
    /// <summary>A required, non-blank value.</summary>
    public string Required(string name)
    {
        var value = environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? throw new ConfigurationException($"{name} is not set.") : value.Trim();
    }

    /// <summary>The value, or <paramref name="defaultValue"/> when unset or blank.</summary>
    public string Optional(string name, string defaultValue)
    {
        var value = environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? defaultValue : value.Trim();
    }

    /// <summary>The value or null.</summary>
    public string? OptionalOrNull(string name)
    {
        var value = environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>An integer in [min, max], or the default.</summary>
    public int Int(string name, int defaultValue, int min, int max)
    {
        var value = OptionalOrNull(name);
        if (value is null)
        {
            return defaultValue;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new ConfigurationException($"{name} must be an integer from {min} to {max}; got '{value}'.");
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), or the default.</summary>
    public string OneOf(string name, string defaultValue, params string[] allowed)
    {
        var value = Optional(name, defaultValue).ToLowerInvariant();
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new ConfigurationException($"{name} must be one of {string.Join(", ", allowed)}; got '{value}'.");
    }

    /// <summary>
    /// An absolute https URL (http only for localhost and 127.0.0.1, for local runs), without
    /// a fragment.
    /// </summary>
    public Uri HttpsUrl(string name, string? value = null)
    {
        value ??= Required(name);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || uri.Host == "localhost"))))
        {
            throw new ConfigurationException($"{name} must be an absolute https URL without a fragment; got '{value}'.");
        }

        return uri;
    }

    /// <summary>Base64 bytes of at least <paramref name="minLength"/> bytes.</summary>
    public byte[] Base64Key(string name, int minLength)
    {
        var value = Required(name);
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length >= minLength ? bytes : throw new ConfigurationException($"{name} must decode to at least {minLength} bytes.");
        }
        catch (FormatException exception)
        {
            throw new ConfigurationException($"{name} is not base64.", exception);
        }
    }
}
