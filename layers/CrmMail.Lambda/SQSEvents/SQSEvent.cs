using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SQSEvents;

/// <summary>An SQS event delivered to Lambda by an event source mapping (the shape of Amazon.Lambda.SQSEvents).</summary>
public sealed class SQSEvent
{
    /// <summary>The messages of this invocation (up to the mapping's batch size).</summary>
    [JsonPropertyName("Records")]
    public IList<SQSMessage>? Records { get; init; }
}
