using System.Text.Json.Serialization;

namespace CrmMail.Inbound.Ses;

#pragma warning disable CA1002, CA2227 // Wire DTOs: SES's notification as it arrives in Sns.Message.

/// <summary>An SES email-receiving notification (SNS action), the string in <c>Records[].Sns.Message</c>.</summary>
public sealed record SesReceivedNotification
{
    /// <summary>"Received" for incoming mail.</summary>
    [JsonPropertyName("notificationType")]
    public string? NotificationType { get; init; }

    /// <summary>Receipt data: recipients and verdicts.</summary>
    [JsonPropertyName("receipt")]
    public SesReceipt? Receipt { get; init; }

    /// <summary>The mail's envelope and headers.</summary>
    [JsonPropertyName("mail")]
    public SesMail? Mail { get; init; }

    /// <summary>The raw MIME message (UTF-8 or Base64, as the SNS action's encoding says), when present.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; init; }
}

/// <summary>The receipt block.</summary>
public sealed record SesReceipt
{
    /// <summary>When SES received it.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>Our addresses it was sent to.</summary>
    [JsonPropertyName("recipients")]
    public IReadOnlyList<string>? Recipients { get; init; }

    /// <summary>Spam verdict.</summary>
    [JsonPropertyName("spamVerdict")]
    public SesVerdict? SpamVerdict { get; init; }

    /// <summary>Virus verdict.</summary>
    [JsonPropertyName("virusVerdict")]
    public SesVerdict? VirusVerdict { get; init; }

    /// <summary>SPF verdict.</summary>
    [JsonPropertyName("spfVerdict")]
    public SesVerdict? SpfVerdict { get; init; }

    /// <summary>DKIM verdict.</summary>
    [JsonPropertyName("dkimVerdict")]
    public SesVerdict? DkimVerdict { get; init; }

    /// <summary>DMARC verdict.</summary>
    [JsonPropertyName("dmarcVerdict")]
    public SesVerdict? DmarcVerdict { get; init; }

    /// <summary>The receipt action.</summary>
    [JsonPropertyName("action")]
    public SesAction? Action { get; init; }
}

/// <summary>A verdict: PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED.</summary>
public sealed record SesVerdict([property: JsonPropertyName("status")] string? Status);

/// <summary>The receipt action (for the SNS action: type SNS, topicArn, encoding).</summary>
public sealed record SesAction
{
    /// <summary>SNS.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>UTF8 or BASE64.</summary>
    [JsonPropertyName("encoding")]
    public string? Encoding { get; init; }

    /// <summary>The topic.</summary>
    [JsonPropertyName("topicArn")]
    public string? TopicArn { get; init; }
}

/// <summary>The mail block.</summary>
public sealed record SesMail
{
    /// <summary>Envelope sender (MAIL FROM).</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>SES's message id: the idempotency key of a mailto unsubscribe.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>Envelope recipients.</summary>
    [JsonPropertyName("destination")]
    public IReadOnlyList<string>? Destination { get; init; }

    /// <summary>Whether SES cut the header list.</summary>
    [JsonPropertyName("headersTruncated")]
    public bool HeadersTruncated { get; init; }

    /// <summary>The headers, in order.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyList<SesHeader>? Headers { get; init; }

    /// <summary>Decoded common headers.</summary>
    [JsonPropertyName("commonHeaders")]
    public SesCommonHeaders? CommonHeaders { get; init; }
}

/// <summary>A header.</summary>
public sealed record SesHeader([property: JsonPropertyName("name")] string? Name, [property: JsonPropertyName("value")] string? Value);

/// <summary>commonHeaders.</summary>
public sealed record SesCommonHeaders
{
    /// <summary>From (display form).</summary>
    [JsonPropertyName("from")]
    public IReadOnlyList<string>? From { get; init; }

    /// <summary>To.</summary>
    [JsonPropertyName("to")]
    public IReadOnlyList<string>? To { get; init; }

    /// <summary>Subject (decoded).</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }
}

/// <summary>Source-generated metadata.</summary>
[JsonSerializable(typeof(SesReceivedNotification))]
public sealed partial class SesJsonContext : JsonSerializerContext;
