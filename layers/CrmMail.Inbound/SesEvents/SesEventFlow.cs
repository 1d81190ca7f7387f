using System.Security.Cryptography;
using System.Text;
using CrmMail.Inbound.Events;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Inbound.SesEvents;

/// <summary>
/// One SES event-publishing record through SNS, per recipient it names: an event stored before
/// is acknowledged as a duplicate (its effects were applied before it was stored); otherwise the
/// effect is applied with its audit row (source <c>ses-event</c>, event id
/// <c>ses-event:&lt;event id&gt;</c>, so a retry writes no second row), then the event is
/// stored and counted once (<see cref="IDeliveryEventStore.TryRecordAsync"/>). Effects, as the
/// Mailgun webhook applies them: a permanent bounce and a complaint opt the recipient out of
/// everything; a Subscription event (SES's own list management already changed the contact)
/// is replayed through <see cref="SubscriptionService"/>, which finds the contact as SES left it
/// and writes the audit row. A transient failure throws, so SNS (through Lambda's retries)
/// delivers the event again; a message that is no usable event is ignored, never thrown.
/// </summary>
public sealed class SesEventFlow(IDeliveryEventStore events, SubscriptionService subscriptions, PiiHasher hasher)
{
    /// <summary>The provider name stored with each event.</summary>
    public const string Provider = "ses";

    /// <summary>Handles one SNS message (the SES event JSON).</summary>
    public async Task<SesEventOutcome> RunAsync(string? snsMessage, string? requestId, CancellationToken cancellationToken)
    {
        var parsed = SesEventParser.Parse(snsMessage);
        if (parsed.Event is not { } sesEvent)
        {
            return new SesEventOutcome(SesEventStatus.Ignored, parsed.IgnoredReason ?? "unusable");
        }

        int recorded = 0, duplicates = 0, optedOut = 0;
        foreach (var target in sesEvent.Recipients)
        {
            var deliveryEvent = ToDeliveryEvent(sesEvent, target);
            if (await events.ContainsAsync(deliveryEvent.EventId, cancellationToken).ConfigureAwait(false))
            {
                duplicates++;
                continue;
            }

            var context = new AuditContext { EventId = "ses-event:" + deliveryEvent.EventId, Source = AuditSource.SesEvent, RequestId = requestId, Method = "SNS" };
            optedOut += await ApplyAsync(sesEvent, target.Address, context, cancellationToken).ConfigureAwait(false);
            if (await events.TryRecordAsync(deliveryEvent, cancellationToken).ConfigureAwait(false))
            {
                recorded++;
            }
            else
            {
                // Another delivery of the same event stored it between our check and our write.
                duplicates++;
            }
        }

        var status = recorded > 0 ? SesEventStatus.Recorded : SesEventStatus.Duplicate;
        return new SesEventOutcome(status, status == SesEventStatus.Recorded ? sesEvent.Kind : "duplicate", sesEvent.EventType, sesEvent.MessageId, recorded, duplicates, optedOut);
    }

    /// <summary>
    /// The event id: SES gives none, so it is built from what makes the event unique and is
    /// the same on every delivery of it (message, kind, recipient hash, time, feedback id, link).
    /// </summary>
    public static string EventIdOf(SesEvent sesEvent, string recipientHash)
    {
        ArgumentNullException.ThrowIfNull(sesEvent);
        var material = string.Join(
            '\n',
            sesEvent.MessageId,
            sesEvent.EventType,
            recipientHash,
            sesEvent.At.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            sesEvent.Details.GetValueOrDefault("feedbackId") ?? string.Empty,
            sesEvent.Details.GetValueOrDefault("link") ?? string.Empty);
        return "ses:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)).AsSpan(0, 16));
    }

    private DeliveryEvent ToDeliveryEvent(SesEvent sesEvent, SesEventTarget target)
    {
        var hash = hasher.Hash(target.Address);
        var details = new Dictionary<string, string>(sesEvent.Details, StringComparer.Ordinal) { ["eventType"] = sesEvent.EventType };
        foreach (var (name, value) in target.Details)
        {
            details[name] = value;
        }

        return new DeliveryEvent(Provider, EventIdOf(sesEvent, hash), sesEvent.Kind, sesEvent.At, sesEvent.MessageId, hash, sesEvent.Campaign, sesEvent.Stream, details);
    }

    private async Task<int> ApplyAsync(SesEvent sesEvent, string address, AuditContext context, CancellationToken cancellationToken)
    {
        var detection = new Dictionary<string, string>(StringComparer.Ordinal) { ["event"] = sesEvent.EventType };
        foreach (var name in (string[])["bounceType", "bounceSubType", "complaintFeedbackType", "source"])
        {
            if (sesEvent.Details.TryGetValue(name, out var value))
            {
                detection[name] = value;
            }
        }

        switch (sesEvent.Kind)
        {
            case DeliveryEventKinds.Bounced or DeliveryEventKinds.Suppressed:
                detection["reason"] = "bounce";
                await subscriptions.UnsubscribeAsync(address, null, context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
                return 1;
            case DeliveryEventKinds.Complained:
                detection["reason"] = "complaint";
                await subscriptions.UnsubscribeAsync(address, null, context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
                return 1;
            case DeliveryEventKinds.Unsubscribed or DeliveryEventKinds.Subscribed when sesEvent.Subscription is { } change:
                return await ReflectAsync(change, address, context, detection, cancellationToken).ConfigureAwait(false);
            default:
                return 0;
        }
    }

    // SES's list management changed the contact itself; replaying the change through the one
    // writer finds nothing left to change (or repairs a drift) and writes the audit row.
    private async Task<int> ReflectAsync(SesSubscriptionChange change, string address, AuditContext context, Dictionary<string, string> detection, CancellationToken cancellationToken)
    {
        detection["reason"] = "ses-list-management";
        var optedOut = 0;
        if (change.UnsubscribedAll)
        {
            await subscriptions.UnsubscribeAsync(address, null, context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        foreach (var topic in change.OptedOut)
        {
            await subscriptions.UnsubscribeAsync(address, topic, context with { EventId = context.EventId + ":" + topic, Detection = detection }, cancellationToken).ConfigureAwait(false);
            optedOut = 1;
        }

        if (change.OptedIn.Count > 0)
        {
            await subscriptions.ResubscribeAsync(address, change.OptedIn, context with { EventId = context.EventId + ":in", Detection = detection }, cancellationToken).ConfigureAwait(false);
        }

        return optedOut;
    }
}
