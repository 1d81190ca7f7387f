using System.Text.Json.Serialization;
using CrmMail.Mail.Sending;

namespace CrmMail.Functions.SendMail;

/// <summary>The response: one result per recipient, as the CRM's API has it.</summary>
internal sealed record SendMailReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("results")] IReadOnlyList<RecipientResult> Results,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);

[JsonSerializable(typeof(SendMailReply))]
internal sealed partial class SendMailReplyJsonContext : JsonSerializerContext;
