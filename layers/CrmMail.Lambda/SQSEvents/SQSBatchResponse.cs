using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SQSEvents;

/// <summary>
/// A partial batch response (the mapping's ReportBatchItemFailures): the messages named here
/// return to the queue; every other message of the batch is deleted.
/// </summary>
public sealed class SQSBatchResponse
{
    /// <summary>The messages to hand back.</summary>
    [JsonPropertyName("batchItemFailures")]
    public IList<SQSBatchItemFailure> BatchItemFailures { get; init; } = [];
}
