using System.Text.Json.Serialization;

namespace CrmMail.Mail.Outreach;

/// <summary>The CRM's trackingSettings {opens, clicks, unsubscribes}.</summary>
public sealed record OutreachTrackingSettings
{
    /// <summary>Open tracking.</summary>
    [JsonPropertyName("opens")]
    public bool? Opens { get; init; }

    /// <summary>Click tracking.</summary>
    [JsonPropertyName("clicks")]
    public bool? Clicks { get; init; }

    /// <summary>
    /// Accepted for the CRM's shape and ignored: every outreach message carries the suite's
    /// unsubscribe footer and List-Unsubscribe headers (RFC 8058), which cannot be turned off.
    /// </summary>
    [JsonPropertyName("unsubscribes")]
    public bool? Unsubscribes { get; init; }
}
