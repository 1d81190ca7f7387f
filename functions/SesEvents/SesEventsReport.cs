using System.Text.Json.Serialization;

namespace CrmMail.Functions.SesEvents;

/// <summary>What one invocation did (the function's return value, visible in Lambda's logs and destinations, and <c>serve</c>'s answer).</summary>
internal sealed record SesEventsReport(
    [property: JsonPropertyName("records")] int Records,
    [property: JsonPropertyName("recorded")] int Recorded,
    [property: JsonPropertyName("duplicates")] int Duplicates,
    [property: JsonPropertyName("ignored")] int Ignored,
    [property: JsonPropertyName("optedOut")] int OptedOut);

[JsonSerializable(typeof(SesEventsReport))]
[JsonSerializable(typeof(CrmMail.Lambda.SNSEvents.SNSEvent))]
internal sealed partial class SesEventsJsonContext : JsonSerializerContext;
