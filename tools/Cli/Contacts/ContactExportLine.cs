namespace CrmMail.Cli.Contacts;

/// <summary>
/// One line of <c>crm-mail contacts export</c>: a contact as SES holds it. Topic preferences keep
/// SES's own names and values (OPT_IN / OPT_OUT), so <c>contacts import</c> hands them back unchanged.
/// </summary>
internal sealed record ContactExportLine
{
    public required string Email { get; init; }

    public required IReadOnlyList<ContactExportTopic> TopicPreferences { get; init; }

    public bool UnsubscribeAll { get; init; }

    /// <summary>SES's AttributesData (a JSON string), as stored.</summary>
    public string? Attributes { get; init; }

    /// <summary>ISO 8601, UTC; null when SES sent none.</summary>
    public string? LastUpdated { get; init; }
}
