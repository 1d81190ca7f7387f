using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SNSEvents;

/// <summary>An SNS message (official name: SNSEvent.SNSMessage).</summary>
public sealed class SNSMessage
{
    /// <summary>Notification.</summary>
    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    /// <summary>SNS's message id.</summary>
    [JsonPropertyName("MessageId")]
    public string? MessageId { get; init; }

    /// <summary>The topic.</summary>
    [JsonPropertyName("TopicArn")]
    public string? TopicArn { get; init; }

    /// <summary>The subject, when the publisher set one.</summary>
    [JsonPropertyName("Subject")]
    public string? Subject { get; init; }

    /// <summary>The message body (for SES, a JSON notification as a string).</summary>
    [JsonPropertyName("Message")]
    public string? Message { get; init; }

    /// <summary>When SNS published it (ISO 8601).</summary>
    [JsonPropertyName("Timestamp")]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The signature version.</summary>
    [JsonPropertyName("SignatureVersion")]
    public string? SignatureVersion { get; init; }

    /// <summary>The signature.</summary>
    [JsonPropertyName("Signature")]
    public string? Signature { get; init; }

    /// <summary>The signing certificate's URL.</summary>
    [JsonPropertyName("SigningCertUrl")]
    public string? SigningCertUrl { get; init; }

    /// <summary>The unsubscribe URL.</summary>
    [JsonPropertyName("UnsubscribeUrl")]
    public string? UnsubscribeUrl { get; init; }

    /// <summary>Message attributes by name.</summary>
    [JsonPropertyName("MessageAttributes")]
    public IDictionary<string, SNSMessageAttribute>? MessageAttributes { get; init; }
}
