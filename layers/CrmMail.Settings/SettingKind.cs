namespace CrmMail.Settings;

/// <summary>The shape of a <see cref="SettingRule"/>.</summary>
public enum SettingKind
{
    /// <summary>Any non-blank text.</summary>
    Text,

    /// <summary>A whole number in a range.</summary>
    Integer,

    /// <summary>One of a fixed set of words (case-insensitive, read lower-case).</summary>
    OneOf,

    /// <summary>An absolute https URL without a fragment (http only for localhost and 127.0.0.1, for local runs).</summary>
    HttpsUrl,

    /// <summary>An <see cref="HttpsUrl"/> without a query string: a base that paths and queries are appended to.</summary>
    HttpsBaseUrl,

    /// <summary>Any absolute URL (an endpoint override).</summary>
    AbsoluteUrl,

    /// <summary>A DNS host name, without scheme, port or path.</summary>
    HostName,

    /// <summary>An e-mail address (read normalized).</summary>
    Mailbox,

    /// <summary>Base64 of at least <see cref="SettingRule.Min"/> bytes.</summary>
    Base64Key,

    /// <summary>The id or ARN of a Secrets Manager secret, read at init: the value itself never sits in the environment.</summary>
    SecretReference,

    /// <summary>Comma-separated origins (scheme://host[:port]) or *.</summary>
    Origins,

    /// <summary>A report key template (<c>CrmMail.Mail.Reports.ReportKeyTemplate</c>).</summary>
    ReportKeyTemplate,

    /// <summary>A token claim requirement <c>name=value</c> (or empty for none).</summary>
    Claim,
}
