using System.Globalization;
using System.Text.Json;
using CrmMail.Inbound.Events;
using CrmMail.Subscriptions;

namespace CrmMail.Inbound.SesEvents;

/// <summary>
/// Reads the SES event record in an SNS message (source-generated JSON, so AOT-clean) into a
/// <see cref="SesEvent"/>. Never throws: a message that is not JSON, has no event type the
/// suite knows, no message id, no time or no recipient comes back ignored with a short reason
/// (the handler logs the reason, never the content, and acknowledges it). What is kept of the
/// receiving server's words is cut short and has every address replaced, and a clicked link
/// loses its query and fragment (where tokens travel).
/// </summary>
public static class SesEventParser
{
    /// <summary>The largest message read: SNS carries at most 256 KiB.</summary>
    public const int MaxMessageLength = 256 * 1024;

    /// <summary>Parses one SNS message.</summary>
    public static SesEventParseResult Parse(string? message)
    {
        if (string.IsNullOrWhiteSpace(message) || message.Length > MaxMessageLength)
        {
            return SesEventParseResult.Ignored("empty_or_oversized");
        }

        SesEventRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(message, SesEventJsonContext.Default.SesEventRecord);
        }
        catch (JsonException)
        {
            return SesEventParseResult.Ignored("not_json");
        }

        return record is null ? SesEventParseResult.Ignored("not_json") : FromRecord(record);
    }

    private static SesEventParseResult FromRecord(SesEventRecord record)
    {
        var type = record.EventType ?? record.NotificationType;
        if (record.Mail?.MessageId is not { Length: > 0 } messageId)
        {
            return SesEventParseResult.Ignored("no_message_id");
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        string kind;
        string? eventTime;
        IEnumerable<SesEventRecipient>? named = null;
        SesSubscriptionChange? subscription = null;
        switch (type)
        {
            case "Send":
                kind = DeliveryEventKinds.Sent;
                eventTime = record.Mail.Timestamp;
                break;
            case "Delivery":
                kind = DeliveryEventKinds.Delivered;
                eventTime = record.Delivery?.Timestamp;
                named = record.Delivery?.Recipients?.Select(r => new SesEventRecipient { EmailAddress = r });
                Add(details, "smtpResponse", record.Delivery?.SmtpResponse);
                break;
            case "DeliveryDelay":
                kind = DeliveryEventKinds.Delayed;
                eventTime = record.DeliveryDelay?.Timestamp;
                named = record.DeliveryDelay?.DelayedRecipients;
                Add(details, "delayType", record.DeliveryDelay?.DelayType);
                break;
            case "Bounce":
                var subType = record.Bounce?.BounceSubType;
                kind = subType is "Suppressed" or "OnAccountSuppressionList" ? DeliveryEventKinds.Suppressed
                    : record.Bounce?.BounceType == "Permanent" ? DeliveryEventKinds.Bounced
                    : DeliveryEventKinds.SoftBounced;
                eventTime = record.Bounce?.Timestamp;
                named = record.Bounce?.BouncedRecipients;
                Add(details, "bounceType", record.Bounce?.BounceType);
                Add(details, "bounceSubType", subType);
                Add(details, "feedbackId", record.Bounce?.FeedbackId);
                break;
            case "Complaint":
                kind = DeliveryEventKinds.Complained;
                eventTime = record.Complaint?.Timestamp;
                named = record.Complaint?.ComplainedRecipients;
                Add(details, "complaintFeedbackType", record.Complaint?.ComplaintFeedbackType);
                Add(details, "complaintSubType", record.Complaint?.ComplaintSubType);
                Add(details, "userAgent", record.Complaint?.UserAgent);
                Add(details, "feedbackId", record.Complaint?.FeedbackId);
                break;
            case "Reject":
                kind = DeliveryEventKinds.Rejected;
                eventTime = record.Mail.Timestamp;
                Add(details, "reason", record.Reject?.Reason);
                break;
            case "Rendering Failure" or "RenderingFailure":
                kind = DeliveryEventKinds.Failed;
                eventTime = record.Mail.Timestamp;
                Add(details, "errorMessage", record.Failure?.ErrorMessage);
                Add(details, "templateName", record.Failure?.TemplateName);
                break;
            case "Open":
                kind = DeliveryEventKinds.Opened;
                eventTime = record.Open?.Timestamp;
                Add(details, "userAgent", record.Open?.UserAgent);
                break;
            case "Click":
                kind = DeliveryEventKinds.Clicked;
                eventTime = record.Click?.Timestamp;
                Add(details, "userAgent", record.Click?.UserAgent);
                Add(details, "link", WithoutQuery(record.Click?.Link));
                break;
            case "Subscription":
                subscription = Change(record.Subscription);
                kind = subscription.UnsubscribedAll || subscription.OptedOut.Count > 0 ? DeliveryEventKinds.Unsubscribed : DeliveryEventKinds.Subscribed;
                eventTime = record.Subscription?.Timestamp;
                Add(details, "source", record.Subscription?.Source);
                Add(details, "contactList", record.Subscription?.ContactList);
                break;
            default:
                return SesEventParseResult.Ignored("unknown_event_type");
        }

        if (!TryTime(eventTime ?? record.Mail.Timestamp, out var at))
        {
            return SesEventParseResult.Ignored("no_timestamp");
        }

        var recipients = (named ?? (record.Mail.Destination ?? []).Select(d => new SesEventRecipient { EmailAddress = d }))
            .Where(r => r?.EmailAddress is { } address && EmailAddress.IsPlausible(address))
            .Select(r => new SesEventTarget(r.EmailAddress!, RecipientDetails(r)))
            .ToList();
        if (recipients.Count == 0)
        {
            return SesEventParseResult.Ignored("no_recipient");
        }

        var campaign = Tag(record.Mail, "campaign") ?? DeliveryEventKinds.NoCampaign;
        var stream = Tag(record.Mail, "stream") is { } s && Topics.IsKnown(s) ? s : null;
        return new SesEventParseResult(new SesEvent(type!, kind, messageId, at, recipients, campaign, stream, details, subscription), null);
    }

    private static SesSubscriptionChange Change(SesEventSubscription? subscription)
    {
        static Dictionary<string, string> Statuses(SesEventTopicPreferences? preferences) => (preferences?.TopicSubscriptionStatus ?? [])
            .Where(t => t?.TopicName is { Length: > 0 } && t.SubscriptionStatus is { Length: > 0 })
            .GroupBy(t => t.TopicName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().SubscriptionStatus!, StringComparer.Ordinal);

        var before = Statuses(subscription?.OldTopicPreferences);
        var after = Statuses(subscription?.NewTopicPreferences);
        var all = subscription?.NewTopicPreferences?.UnsubscribeAll == true;
        var optedOut = after.Where(t => IsOptOut(t.Value) && !(before.TryGetValue(t.Key, out var old) && IsOptOut(old)) && Topics.IsKnown(t.Key)).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        var optedIn = all ? [] : after.Where(t => !IsOptOut(t.Value) && before.TryGetValue(t.Key, out var old) && IsOptOut(old) && Topics.IsKnown(t.Key)).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        return new SesSubscriptionChange(all, optedOut, optedIn);

        static bool IsOptOut(string status) => status.Replace("_", string.Empty, StringComparison.Ordinal).Equals("OptOut", StringComparison.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> RecipientDetails(SesEventRecipient recipient)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(details, "status", recipient.Status);
        Add(details, "diagnosticCode", recipient.DiagnosticCode);
        return details;
    }

    private static string? Tag(SesEventMail mail, string name)
        => mail.Tags is { } tags && tags.TryGetValue(name, out var values) && values is { Count: > 0 } && values[0] is { Length: > 0 } value ? value : null;

    private static bool TryTime(string? text, out DateTimeOffset at)
        => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    private static string? WithoutQuery(string? link)
    {
        if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Path);
    }

    // Free text from a receiving server can quote the address; it never reaches the table.
    private static void Add(Dictionary<string, string> details, string name, string? value) => DetailText.Add(details, name, value);
}
