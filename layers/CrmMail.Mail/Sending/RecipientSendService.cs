using CrmMail.Kernel;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Mail.Sending;

/// <summary>
/// The per-recipient rule every sending use case shares (send-mail's <see cref="SendMailFlow"/>,
/// the outreach routes): for each recipient, with bounded concurrency, the topic's subscription
/// gate (an unsubscribed recipient is suppressed and audited), a fresh unsubscribe token, the
/// message the caller composes around that token (footer and List-Unsubscribe headers) and the
/// transport. Every recipient ends as sent, suppressed or failed. A refusal for one recipient
/// never stops the others; once a dependency is down (after its own retries), recipients not
/// yet started are reported as <c>not_attempted</c> instead of waiting on the same outage.
/// </summary>
public sealed class RecipientSendService(
    SubscriptionService subscriptions,
    AuditTrail audit,
    UnsubscribeTokenService tokens,
    IMailTransport transport,
    PiiHasher hasher,
    TimeProvider timeProvider,
    int concurrency)
{
    /// <summary>
    /// Sends to every one of <paramref name="recipients"/> (distinct, normalized addresses) on
    /// <paramref name="topic"/>; <paramref name="compose"/> builds one recipient's message from
    /// the recipient and its unsubscribe token. Results are in the order of the recipients.
    /// </summary>
    public async Task<IReadOnlyList<RecipientResult>> SendAllAsync(
        IReadOnlyList<string> recipients,
        string topic,
        Func<string, string, OutgoingMessage> compose,
        AuditContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(compose);
        ArgumentNullException.ThrowIfNull(context);

        // The deadline is not Parallel's token: once messages may have gone out, it fails each
        // recipient still pending (reported, retryable) instead of cancelling the whole answer.
        var results = new RecipientResult[recipients.Count];
        var outage = new OutageFlag();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, recipients.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (index, _) => results[index] = (await SendOneAsync(recipients[index], topic, compose, context, outage, claim: null, cancellationToken).ConfigureAwait(false))!).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Sends to one <paramref name="recipient"/> through the same steps as
    /// <see cref="SendAllAsync"/> (gate, token, composed message, transport), asking
    /// <paramref name="claim"/> immediately before the transport: a campaign claims the recipient
    /// there (a conditional write, after any pacing), so that nothing between its claim and the
    /// provider's answer can fail except the send itself. Returns null when the claim is refused
    /// (the recipient was already handled); nothing was sent then.
    /// </summary>
    public Task<RecipientResult?> SendOneAsync(
        string recipient,
        string topic,
        Func<string, string, OutgoingMessage> compose,
        AuditContext context,
        Func<CancellationToken, Task<bool>> claim,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(compose);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(claim);
        return SendOneAsync(recipient, topic, compose, context, new OutageFlag(), claim, cancellationToken);
    }

    private async Task<RecipientResult?> SendOneAsync(string recipient, string topic, Func<string, string, OutgoingMessage> compose, AuditContext context, OutageFlag outage, Func<CancellationToken, Task<bool>>? claim, CancellationToken cancellationToken)
    {
        if (outage.Seen)
        {
            // A dependency has already failed after its own retries: recipients not yet started
            // are reported without spending the request's time budget on the same outage.
            return new RecipientResult(recipient, RecipientResult.Failed, Error: RecipientError.NotAttempted);
        }

        var recipientContext = context with { EventId = $"{context.EventId}:{hasher.Hash(recipient)}" };
        try
        {
            if (!await subscriptions.IsSubscribedAsync(recipient, topic, recipientContext, cancellationToken).ConfigureAwait(false))
            {
                await audit.RecordAsync(
                    new AuditEntry(EmailAddress.Normalize(recipient), AuditAction.Suppress, [topic], false, timeProvider.GetUtcNow(), recipientContext with { EventId = recipientContext.EventId + ":suppress" }),
                    cancellationToken).ConfigureAwait(false);
                return new RecipientResult(recipient, RecipientResult.Suppressed);
            }

            var unsubscribeToken = await tokens.SealAsync(EmailAddress.Normalize(recipient), topic, TokenPurpose.Unsubscribe, cancellationToken).ConfigureAwait(false);
            var message = compose(recipient, unsubscribeToken);
            if (claim is not null && !await claim(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var outcome = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (outcome.Sent)
            {
                return new RecipientResult(recipient, RecipientResult.Sent, MessageId: outcome.MessageId);
            }

            if (outcome.Transient)
            {
                outage.Set();
                return new RecipientResult(recipient, RecipientResult.Failed, Error: RecipientError.TransportUnavailable);
            }

            return new RecipientResult(recipient, RecipientResult.Failed, Error: RecipientError.TransportRejected);
        }
        catch (DependencyUnavailableException)
        {
            // Reported with the others as a code and a sentence; the exception's text can name
            // an endpoint, so it stays out of the answer. The caller can retry this recipient.
            outage.Set();
            return new RecipientResult(recipient, RecipientResult.Failed, Error: RecipientError.DependencyUnavailable);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The invocation's deadline: an outage like any other for this recipient.
            outage.Set();
            return new RecipientResult(recipient, RecipientResult.Failed, Error: RecipientError.DependencyUnavailable);
        }
    }

    // Set once by any recipient's task, read by the others: a volatile flag is enough.
    private sealed class OutageFlag
    {
        private volatile bool _seen;

        public bool Seen => _seen;

        public void Set() => _seen = true;
    }
}
