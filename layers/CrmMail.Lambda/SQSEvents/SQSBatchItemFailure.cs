using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SQSEvents;

/// <summary>One message to hand back to the queue, by its message id.</summary>
public sealed class SQSBatchItemFailure
{
    /// <summary>The message id.</summary>
    [JsonPropertyName("itemIdentifier")]
    public required string ItemIdentifier { get; init; }
}
