using System.Text.Json.Serialization;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>The reply, as the CRM's API has it.</summary>
internal sealed record WebhookReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("eventId")] string? EventId,
    [property: JsonPropertyName("eventType")] string? EventType,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);

[JsonSerializable(typeof(WebhookReply))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
