using System.Text.Json.Serialization;

namespace CrmMail.Inbound.SesEvents;

#pragma warning disable CA1002, CA2227 // Wire DTOs: SES's event record as it arrives in Sns.Message.

/// <summary>
/// An SES event-publishing record (the string in <c>Records[].Sns.Message</c>), as the SES
/// developer guide's "Contents of event data that Amazon SES publishes to Amazon SNS" lists it.
/// Only the fields the suite reads; the rest is ignored.
/// </summary>
public sealed record SesEventRecord
{
    /// <summary>Bounce, Complaint, Delivery, Send, Reject, Open, Click, Rendering Failure, DeliveryDelay, Subscription.</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    /// <summary>The same field under identity feedback notifications (no configuration set).</summary>
    [JsonPropertyName("notificationType")]
    public string? NotificationType { get; init; }

    /// <summary>The message the event is about.</summary>
    [JsonPropertyName("mail")]
    public SesEventMail? Mail { get; init; }

    /// <summary>Bounce details.</summary>
    [JsonPropertyName("bounce")]
    public SesEventBounce? Bounce { get; init; }

    /// <summary>Complaint details.</summary>
    [JsonPropertyName("complaint")]
    public SesEventComplaint? Complaint { get; init; }

    /// <summary>Delivery details.</summary>
    [JsonPropertyName("delivery")]
    public SesEventDelivery? Delivery { get; init; }

    /// <summary>Reject details.</summary>
    [JsonPropertyName("reject")]
    public SesEventReject? Reject { get; init; }

    /// <summary>Open details.</summary>
    [JsonPropertyName("open")]
    public SesEventEngagement? Open { get; init; }

    /// <summary>Click details.</summary>
    [JsonPropertyName("click")]
    public SesEventEngagement? Click { get; init; }

    /// <summary>Rendering failure details.</summary>
    [JsonPropertyName("failure")]
    public SesEventFailure? Failure { get; init; }

    /// <summary>DeliveryDelay details.</summary>
    [JsonPropertyName("deliveryDelay")]
    public SesEventDeliveryDelay? DeliveryDelay { get; init; }

    /// <summary>Subscription (SES list management) details.</summary>
    [JsonPropertyName("subscription")]
    public SesEventSubscription? Subscription { get; init; }
}

/// <summary>The mail object.</summary>
public sealed record SesEventMail
{
    /// <summary>When the message was sent.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>SES's message id.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>The envelope recipients.</summary>
    [JsonPropertyName("destination")]
    public IReadOnlyList<string>? Destination { get; init; }

    /// <summary>The message tags (ours: campaign, campaign-type, stream, recipient) and SES's own.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Tags { get; init; }
}

/// <summary>A recipient named by a bounce, complaint or delay.</summary>
public sealed record SesEventRecipient
{
    /// <summary>The address.</summary>
    [JsonPropertyName("emailAddress")]
    public string? EmailAddress { get; init; }

    /// <summary>The enhanced status code (5.1.1).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The receiving server's answer.</summary>
    [JsonPropertyName("diagnosticCode")]
    public string? DiagnosticCode { get; init; }
}

/// <summary>The bounce object.</summary>
public sealed record SesEventBounce
{
    /// <summary>Undetermined, Permanent, Transient.</summary>
    [JsonPropertyName("bounceType")]
    public string? BounceType { get; init; }

    /// <summary>General, NoEmail, Suppressed, OnAccountSuppressionList, MailboxFull, …</summary>
    [JsonPropertyName("bounceSubType")]
    public string? BounceSubType { get; init; }

    /// <summary>Who bounced.</summary>
    [JsonPropertyName("bouncedRecipients")]
    public IReadOnlyList<SesEventRecipient>? BouncedRecipients { get; init; }

    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>SES's feedback id, unique per bounce.</summary>
    [JsonPropertyName("feedbackId")]
    public string? FeedbackId { get; init; }
}

/// <summary>The complaint object.</summary>
public sealed record SesEventComplaint
{
    /// <summary>Who complained.</summary>
    [JsonPropertyName("complainedRecipients")]
    public IReadOnlyList<SesEventRecipient>? ComplainedRecipients { get; init; }

    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>SES's feedback id, unique per complaint.</summary>
    [JsonPropertyName("feedbackId")]
    public string? FeedbackId { get; init; }

    /// <summary>The reporting agent.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary>abuse, fraud, not-spam, …</summary>
    [JsonPropertyName("complaintFeedbackType")]
    public string? ComplaintFeedbackType { get; init; }

    /// <summary>OnAccountSuppressionList, or absent.</summary>
    [JsonPropertyName("complaintSubType")]
    public string? ComplaintSubType { get; init; }
}

/// <summary>The delivery object.</summary>
public sealed record SesEventDelivery
{
    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>Who it was delivered to.</summary>
    [JsonPropertyName("recipients")]
    public IReadOnlyList<string>? Recipients { get; init; }

    /// <summary>The receiving server's answer.</summary>
    [JsonPropertyName("smtpResponse")]
    public string? SmtpResponse { get; init; }
}

/// <summary>The reject object.</summary>
public sealed record SesEventReject
{
    /// <summary>Why (Bad content).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}

/// <summary>The open or click object.</summary>
public sealed record SesEventEngagement
{
    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>The reader's user agent.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary>The clicked link (clicks only).</summary>
    [JsonPropertyName("link")]
    public string? Link { get; init; }
}

/// <summary>The rendering failure object.</summary>
public sealed record SesEventFailure
{
    /// <summary>Why.</summary>
    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    /// <summary>The template.</summary>
    [JsonPropertyName("templateName")]
    public string? TemplateName { get; init; }
}

/// <summary>The deliveryDelay object.</summary>
public sealed record SesEventDeliveryDelay
{
    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>TransientCommunicationFailure, MailboxFull, …</summary>
    [JsonPropertyName("delayType")]
    public string? DelayType { get; init; }

    /// <summary>Who is delayed.</summary>
    [JsonPropertyName("delayedRecipients")]
    public IReadOnlyList<SesEventRecipient>? DelayedRecipients { get; init; }
}

/// <summary>The subscription object (SES list management).</summary>
public sealed record SesEventSubscription
{
    /// <summary>The contact list.</summary>
    [JsonPropertyName("contactList")]
    public string? ContactList { get; init; }

    /// <summary>When.</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>UnsubscribeHeader, SubscriptionPreferencePage, UnsubscribeFromAllTopics, ….</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The preferences after the change.</summary>
    [JsonPropertyName("newTopicPreferences")]
    public SesEventTopicPreferences? NewTopicPreferences { get; init; }

    /// <summary>The preferences before the change.</summary>
    [JsonPropertyName("oldTopicPreferences")]
    public SesEventTopicPreferences? OldTopicPreferences { get; init; }
}

/// <summary>A contact's topic preferences.</summary>
public sealed record SesEventTopicPreferences
{
    /// <summary>Opted out of everything.</summary>
    [JsonPropertyName("unsubscribeAll")]
    public bool UnsubscribeAll { get; init; }

    /// <summary>Per topic.</summary>
    [JsonPropertyName("topicSubscriptionStatus")]
    public IReadOnlyList<SesEventTopicStatus>? TopicSubscriptionStatus { get; init; }
}

/// <summary>One topic's status: OptIn or OptOut.</summary>
public sealed record SesEventTopicStatus
{
    /// <summary>The topic.</summary>
    [JsonPropertyName("topicName")]
    public string? TopicName { get; init; }

    /// <summary>OptIn or OptOut.</summary>
    [JsonPropertyName("subscriptionStatus")]
    public string? SubscriptionStatus { get; init; }
}

/// <summary>Source-generated metadata for the event record.</summary>
[JsonSerializable(typeof(SesEventRecord))]
public sealed partial class SesEventJsonContext : JsonSerializerContext;
