using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SQSEvents;

/// <summary>One SQS message in an <see cref="SQSEvent"/>; wire names are camelCase.</summary>
public sealed class SQSMessage
{
    /// <summary>The message id: the identifier a partial batch response names.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>The receipt handle of this receive.</summary>
    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    /// <summary>The body.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>The MD5 of the body.</summary>
    [JsonPropertyName("md5OfBody")]
    public string? Md5OfBody { get; init; }

    /// <summary>System attributes: ApproximateReceiveCount, SentTimestamp, ApproximateFirstReceiveTimestamp, SenderId.</summary>
    [JsonPropertyName("attributes")]
    public IDictionary<string, string>? Attributes { get; init; }

    /// <summary>aws:sqs.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    /// <summary>The queue's ARN.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    /// <summary>The queue's region.</summary>
    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }
}
