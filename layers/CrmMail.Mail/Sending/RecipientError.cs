using System.Text.Json.Serialization;

namespace CrmMail.Mail.Sending;

/// <summary>
/// Why one recipient failed, as the caller sees it: a stable short code and a sentence. Never
/// an endpoint, a provider's message or exception text (those can name hosts or addresses).
/// </summary>
public sealed record RecipientError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The mail service refused this message for this recipient; retrying it unchanged will not help.</summary>
    public static RecipientError TransportRejected { get; } = new("transport_rejected", "The mail service refused the message for this recipient.");

    /// <summary>The mail service was throttling, failing or unreachable after our retries.</summary>
    public static RecipientError TransportUnavailable { get; } = new("transport_unavailable", "The mail service did not accept the message; retry later.");

    /// <summary>A dependency (contact list, key service, a secret) failed for this recipient.</summary>
    public static RecipientError DependencyUnavailable { get; } = new("dependency_unavailable", "A service needed to send this message is unavailable; retry later.");

    /// <summary>Not tried: a dependency had already failed for another recipient of the request.</summary>
    public static RecipientError NotAttempted { get; } = new("not_attempted", "Not sent because a service needed for sending became unavailable; retry later.");

    /// <summary>True when retrying later can succeed (an outage, not a refusal).</summary>
    [JsonIgnore]
    public bool Retryable => Code != TransportRejected.Code;
}
