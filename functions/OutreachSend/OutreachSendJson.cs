using System.Text.Json.Serialization;
using CrmMail.Hosting.Responses;
using CrmMail.Mail.Sending;

namespace CrmMail.Functions.OutreachSend;

/// <summary>
/// The CRM's EmailResponse: success, message, messageId, data {id, message}, timestamp,
/// version; plus <c>results</c>, one per recipient (sent, suppressed or failed), which the
/// CRM's type ignores and a caller needs to see who was suppressed.
/// </summary>
internal sealed record OutreachReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("messageId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageId,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OutreachReplyData? Data,
    [property: JsonPropertyName("results")] IReadOnlyList<RecipientResult> Results,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);

/// <summary>EmailResponse.data: the (first) message id and what happened.</summary>
internal sealed record OutreachReplyData(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("message")] string Message);


[JsonSerializable(typeof(OutreachReply))]
internal sealed partial class OutreachSendJsonContext : JsonSerializerContext;
