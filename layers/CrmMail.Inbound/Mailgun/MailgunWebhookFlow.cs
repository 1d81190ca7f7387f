using CrmMail.Inbound.Events;
using CrmMail.Kernel;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Inbound.Mailgun;

/// <summary>
/// A Mailgun webhook: signature, timestamp window and the token accepted once (each
/// <see cref="MailgunVerdict.Unauthenticated"/>), duplicate event ids acknowledged without
/// reprocessing (<see cref="MailgunVerdict.Duplicate"/>), then the effect with its audit row: <c>unsubscribed</c> opts out the topic
/// its <see cref="StreamTag"/> marker names (everything without one), <c>complained</c> and permanent <c>failed</c> unsubscribe everything. A transient
/// failure releases the token and throws, so Mailgun's retry (after the handler's 503) is accepted.
/// Every processed event then adds to its campaign's counters (<see cref="ICampaignCounters"/>),
/// after its row is stored: a failure between the two is retried by Mailgun, finds the row and
/// so can undercount by one, never count twice.
/// </summary>
public sealed class MailgunWebhookFlow(MailgunSignatureVerifier verifier, IMailgunReplayGuard replay, IMailgunEventStore events, SubscriptionService subscriptions, PiiHasher hasher, ICampaignCounters counters)
{
    /// <summary>Handles one call whose body is <paramref name="webhook"/> (null: never valid, <see cref="MailgunVerdict.NotAWebhook"/>).</summary>
    public async Task<MailgunOutcome> RunAsync(MailgunWebhook? webhook, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (webhook is null)
        {
            return new MailgunOutcome(MailgunVerdict.NotAWebhook, "not_acceptable", "The body is not a Mailgun webhook.");
        }

        if (verifier.Check(webhook.Timestamp, webhook.Token, webhook.Signature) is { } problem)
        {
            return new MailgunOutcome(MailgunVerdict.Unauthenticated, problem, problem == "stale" ? "The timestamp is outside the accepted window." : "The signature is invalid.", webhook.Event);
        }

        // Tokens live twice the accepted age: after that the timestamp check refuses them anyway.
        if (!await replay.TryAcceptAsync(webhook.Token, verifier.MaxAge * 2, cancellationToken).ConfigureAwait(false))
        {
            return new MailgunOutcome(MailgunVerdict.Unauthenticated, "replayed", "This webhook token was already used.", webhook.Event);
        }

        try
        {
            return await ProcessAsync(webhook.Event, context with { EventId = "mailgun:" + webhook.Event.Id }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // An outage or the invocation's deadline: release the token so Mailgun's retry is
            // accepted. The release has a slice of its own (the deadline may already have fired).
            using var slice = new CancellationTokenSource(Reserves.Audit);
            try
            {
                await replay.ReleaseAsync(webhook.Token, slice.Token).ConfigureAwait(false);
            }
            catch (Exception releaseFailure) when (releaseFailure is DependencyUnavailableException or OperationCanceledException)
            {
                // The failure the caller must see is the first one; the token expires with its TTL.
            }

            throw;
        }
    }

    private async Task<MailgunOutcome> ProcessAsync(MailgunEvent mailgunEvent, AuditContext context, CancellationToken cancellationToken)
    {
        if (await events.ContainsAsync(mailgunEvent.Id, cancellationToken).ConfigureAwait(false))
        {
            return new MailgunOutcome(MailgunVerdict.Duplicate, "duplicate", "Event already processed.", mailgunEvent);
        }

        var recipient = mailgunEvent.Recipient;
        var valid = recipient is not null && EmailAddress.IsPlausible(recipient);
        var detection = new Dictionary<string, string>(StringComparer.Ordinal) { ["event"] = mailgunEvent.Type };
        if (mailgunEvent.DeliveryCode is { } code)
        {
            detection["deliveryCode"] = code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var message = "Event recorded.";
        switch (mailgunEvent.Type)
        {
            case "unsubscribed" when valid:
                // Only the stream marker names the topic (a campaign may be called "outreach").
                // Without one (a message not sent by this suite's send path, or sent before the
                // marker existed) the recipient is opted out of everything the message could
                // have been: honouring an unsubscribe too widely is never wrong, and it is what
                // Mailgun's own %unsubscribe_url% does for the domain anyway.
                var topic = StreamTag.Read(mailgunEvent.Tags);
                detection["reason"] = "unsubscribed";
                detection["stream"] = topic ?? "unmarked";
                await subscriptions.UnsubscribeAsync(recipient!, topic, context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
                message = topic is null ? "Unsubscribed from everything (no stream marker)." : "Unsubscribed from " + topic + ".";
                break;
            case "complained" when valid:
                detection["reason"] = "complaint";
                await subscriptions.UnsubscribeAsync(recipient!, null, context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
                message = "Unsubscribed from everything (complaint).";
                break;
            case "failed" when valid && string.Equals(mailgunEvent.Severity, "permanent", StringComparison.OrdinalIgnoreCase):
                detection["reason"] = "bounce";
                await subscriptions.UnsubscribeAsync(recipient!, null, context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
                message = "Unsubscribed from everything (permanent failure).";
                break;
        }

        var recipientHash = recipient is null ? string.Empty : hasher.Hash(recipient);
        await events.RecordAsync(mailgunEvent, recipientHash, cancellationToken).ConfigureAwait(false);
        await counters.CountAsync(MailgunDeliveryEvent.From(mailgunEvent, recipientHash), cancellationToken).ConfigureAwait(false);
        return new MailgunOutcome(MailgunVerdict.Processed, "processed", message, mailgunEvent);
    }
}
