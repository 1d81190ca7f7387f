using System.Globalization;
using CrmMail.Mail.Validation;

namespace CrmMail.Settings;

/// <summary>
/// How a setting's value is checked and normalized. The functions apply it at init and the CDK
/// stack at synth, so a value the stack accepts is one the function accepts.
/// </summary>
public sealed class SettingRule
{
    private SettingRule(SettingKind kind, int min = 0, int max = 0, IReadOnlyList<string>? allowed = null)
    {
        Kind = kind;
        Min = min;
        Max = max;
        Allowed = allowed ?? [];
    }

    /// <summary>Any non-blank text.</summary>
    public static SettingRule Text { get; } = new(SettingKind.Text);

    /// <summary>An absolute https URL without a fragment.</summary>
    public static SettingRule HttpsUrl { get; } = new(SettingKind.HttpsUrl);

    /// <summary>An absolute https URL without a query string or fragment.</summary>
    public static SettingRule HttpsBaseUrl { get; } = new(SettingKind.HttpsBaseUrl);

    /// <summary>Any absolute URL.</summary>
    public static SettingRule AbsoluteUrl { get; } = new(SettingKind.AbsoluteUrl);

    /// <summary>A DNS host name.</summary>
    public static SettingRule HostName { get; } = new(SettingKind.HostName);

    /// <summary>An e-mail address.</summary>
    public static SettingRule Mailbox { get; } = new(SettingKind.Mailbox);

    /// <summary>A Secrets Manager secret id or ARN.</summary>
    public static SettingRule SecretReference { get; } = new(SettingKind.SecretReference);

    /// <summary>Comma-separated origins or *.</summary>
    public static SettingRule Origins { get; } = new(SettingKind.Origins);

    /// <summary>A report key template.</summary>
    public static SettingRule ReportKeyTemplate { get; } = new(SettingKind.ReportKeyTemplate);

    /// <summary>A claim requirement <c>name=value</c>: a claim name of letters, digits, '_', '-', '.', ':' and '/', and a non-empty value.</summary>
    public static SettingRule Claim { get; } = new(SettingKind.Claim);

    /// <summary>The shape.</summary>
    public SettingKind Kind { get; }

    /// <summary>The least value (<see cref="SettingKind.Integer"/>) or byte count (<see cref="SettingKind.Base64Key"/>).</summary>
    public int Min { get; }

    /// <summary>The greatest value (<see cref="SettingKind.Integer"/>).</summary>
    public int Max { get; }

    /// <summary>The allowed words (<see cref="SettingKind.OneOf"/>).</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static SettingRule Integer(int min, int max) => new(SettingKind.Integer, min, max);

    /// <summary>One of <paramref name="allowed"/> (lower-case words).</summary>
    public static SettingRule OneOf(params string[] allowed) => new(SettingKind.OneOf, allowed: allowed);

    /// <summary>Base64 of at least <paramref name="minBytes"/> bytes.</summary>
    public static SettingRule Base64Key(int minBytes) => new(SettingKind.Base64Key, minBytes);

    /// <summary>
    /// Checks <paramref name="value"/> (trimmed, non-blank). On success <paramref name="result"/>
    /// is the normalized value; on failure it says what is wrong, to follow the variable or
    /// context key's name ("must be an integer from 1 to 100; got 'abc'").
    /// </summary>
    public bool TryCheck(string value, out string result)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (Kind)
        {
            case SettingKind.Integer:
                return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= Min && parsed <= Max
                    ? Pass(parsed.ToString(CultureInfo.InvariantCulture), out result)
                    : Fail($"must be an integer from {Min} to {Max}; got '{value}'", out result);
            case SettingKind.OneOf:
                var word = value.ToLowerInvariant();
                return Allowed.Contains(word, StringComparer.Ordinal) ? Pass(word, out result) : Fail($"must be one of {string.Join(", ", Allowed)}; got '{word}'", out result);
            case SettingKind.HttpsUrl:
            case SettingKind.HttpsBaseUrl:
                if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || !string.IsNullOrEmpty(url.Fragment)
                    || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || url.Host == "localhost"))))
                {
                    return Fail($"must be an absolute https URL without a fragment; got '{value}'", out result);
                }

                return Kind == SettingKind.HttpsBaseUrl && !string.IsNullOrEmpty(url.Query)
                    ? Fail($"may not carry a query string; got '{value}'", out result)
                    : Pass(value, out result);
            case SettingKind.AbsoluteUrl:
                return Uri.TryCreate(value, UriKind.Absolute, out _) ? Pass(value, out result) : Fail($"is not an absolute URL: '{value}'", out result);
            case SettingKind.HostName:
                return value.Contains('/', StringComparison.Ordinal) || value.Contains(':', StringComparison.Ordinal) || Uri.CheckHostName(value) != UriHostNameType.Dns
                    ? Fail($"must be a host name such as d111111abcdef8.cloudfront.net; got '{value}'", out result)
                    : Pass(value, out result);
            case SettingKind.Mailbox:
                return AddressSyntax.TryNormalizeAddress(value, out var address) ? Pass(address, out result) : Fail($"must be an e-mail address; got '{value}'", out result);
            case SettingKind.Base64Key:
                // The value is a key: never echoed back.
                try
                {
                    return Convert.FromBase64String(value).Length >= Min ? Pass(value, out result) : Fail($"must decode to at least {Min} bytes", out result);
                }
                catch (FormatException)
                {
                    return Fail("is not base64", out result);
                }

            case SettingKind.Origins:
                foreach (var origin in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(o => o != "*"))
                {
                    if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || origin.EndsWith('/'))
                    {
                        return Fail($"must list origins (scheme://host[:port]) or *; '{origin}' is not an origin", out result);
                    }
                }

                return Pass(value, out result);
            case SettingKind.ReportKeyTemplate:
                try
                {
                    _ = Mail.Reports.ReportKeyTemplate.Parse(value);
                    return Pass(value, out result);
                }
                catch (FormatException exception)
                {
                    return Fail($"is not a report key template: {exception.Message}", out result);
                }

            case SettingKind.Claim:
                var equals = value.IndexOf('=', StringComparison.Ordinal);
                return equals > 0 && equals < value.Length - 1 && value[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/')
                    ? Pass(value, out result)
                    : Fail($"must be name=value (e.g. role=outreach); got '{value}'", out result);
            default:
                return Pass(value, out result);
        }
    }

    private static bool Pass(string value, out string result)
    {
        result = value;
        return true;
    }

    private static bool Fail(string message, out string result)
    {
        result = message;
        return false;
    }
}
