using System.Globalization;
using CrmMail.Inbound.Events;
using CrmMail.Subscriptions;

namespace CrmMail.Inbound.Mailgun;

/// <summary>
/// A Mailgun event in the providers' shared shape, for the campaign counters. The send path
/// tags a Mailgun message <c>campaign</c>, <c>campaign-type</c>, <c>stream:&lt;topic&gt;</c> in that
/// order, so the campaign is the first tag that is no stream marker.
/// </summary>
public static class MailgunDeliveryEvent
{
    /// <summary>The provider name.</summary>
    public const string Provider = "mailgun";

    /// <summary>The shared shape of <paramref name="mailgunEvent"/>, whose recipient's keyed hash is <paramref name="recipientHash"/>.</summary>
    public static DeliveryEvent From(MailgunEvent mailgunEvent, string recipientHash)
    {
        ArgumentNullException.ThrowIfNull(mailgunEvent);
        ArgumentNullException.ThrowIfNull(recipientHash);
        var campaign = mailgunEvent.Tags.FirstOrDefault(t => t is { Length: > 0 } && !t.StartsWith(StreamTag.Prefix, StringComparison.OrdinalIgnoreCase)) ?? DeliveryEventKinds.NoCampaign;
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["eventType"] = mailgunEvent.Type };
        if (mailgunEvent.Severity is { Length: > 0 } severity)
        {
            details["severity"] = severity;
        }

        if (mailgunEvent.Reason is { Length: > 0 } reason)
        {
            details["reason"] = reason;
        }

        if (mailgunEvent.DeliveryCode is { } code)
        {
            details["deliveryCode"] = code.ToString(CultureInfo.InvariantCulture);
        }

        DetailText.Add(details, "deliveryMessage", mailgunEvent.DeliveryMessage);
        foreach (var (name, value) in mailgunEvent.Details ?? new Dictionary<string, string>())
        {
            DetailText.Add(details, name, value);
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(Math.Clamp(mailgunEvent.Timestamp, 0, 253402300799) * 1000));
        return new DeliveryEvent(Provider, "mailgun:" + mailgunEvent.Id, KindOf(mailgunEvent), at, mailgunEvent.MessageId, recipientHash, campaign, StreamTag.Read(mailgunEvent.Tags), details);
    }

    /// <summary>Mailgun's event name in the suite's words: a permanent failure is a bounce, or a suppression when Mailgun did not even try.</summary>
    public static string KindOf(MailgunEvent mailgunEvent)
    {
        ArgumentNullException.ThrowIfNull(mailgunEvent);
        return mailgunEvent.Type switch
        {
            "accepted" => DeliveryEventKinds.Sent,
            "delivered" => DeliveryEventKinds.Delivered,
            "opened" => DeliveryEventKinds.Opened,
            "clicked" => DeliveryEventKinds.Clicked,
            "complained" => DeliveryEventKinds.Complained,
            "unsubscribed" => DeliveryEventKinds.Unsubscribed,
            "rejected" => DeliveryEventKinds.Rejected,
            "failed" when !string.Equals(mailgunEvent.Severity, "permanent", StringComparison.OrdinalIgnoreCase) => DeliveryEventKinds.Delayed,
            "failed" when mailgunEvent.Reason is { } reason && reason.StartsWith("suppress-", StringComparison.OrdinalIgnoreCase) => DeliveryEventKinds.Suppressed,
            "failed" => DeliveryEventKinds.Bounced,
            _ => DeliveryEventKinds.Other,
        };
    }
}
