using System.Text.Json.Serialization;

namespace CrmMail.Mail.Sending;

/// <summary>What happened to one recipient: sent, suppressed (unsubscribed) or failed. Never dropped.</summary>
public sealed record RecipientResult(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("messageId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageId = null,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RecipientError? Error = null)
{
    /// <summary>status "sent".</summary>
    public const string Sent = "sent";

    /// <summary>status "suppressed".</summary>
    public const string Suppressed = "suppressed";

    /// <summary>status "failed".</summary>
    public const string Failed = "failed";
}
