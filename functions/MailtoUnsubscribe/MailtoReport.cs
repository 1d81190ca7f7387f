using System.Text.Json.Serialization;

namespace CrmMail.Functions.MailtoUnsubscribe;

/// <summary>What one invocation did (the function's return value, visible in Lambda's logs and destinations).</summary>
internal sealed record MailtoReport(
    [property: JsonPropertyName("records")] int Records,
    [property: JsonPropertyName("applied")] int Applied,
    [property: JsonPropertyName("ignored")] int Ignored);

[JsonSerializable(typeof(MailtoReport))]
[JsonSerializable(typeof(CrmMail.Lambda.SNSEvents.SNSEvent))]
internal sealed partial class MailtoJsonContext : JsonSerializerContext;
