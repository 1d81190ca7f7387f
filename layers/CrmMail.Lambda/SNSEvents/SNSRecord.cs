using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SNSEvents;

/// <summary>One SNS record (official name: SNSEvent.SNSRecord).</summary>
public sealed class SNSRecord
{
    /// <summary>aws:sns.</summary>
    [JsonPropertyName("EventSource")]
    public string? EventSource { get; init; }

    /// <summary>The subscription that delivered the message.</summary>
    [JsonPropertyName("EventSubscriptionArn")]
    public string? EventSubscriptionArn { get; init; }

    /// <summary>The event version.</summary>
    [JsonPropertyName("EventVersion")]
    public string? EventVersion { get; init; }

    /// <summary>The SNS message.</summary>
    [JsonPropertyName("Sns")]
    public SNSMessage? Sns { get; init; }
}
