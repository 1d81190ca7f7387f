using CrmMail.Kernel;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Mail.Sending;

/// <summary>
/// One send-mail request: report links checked and signed once, then for each recipient the
/// subscription gate, an unsubscribe token, the composed message and the transport. Every
/// recipient ends as sent, suppressed or failed. A refusal for one recipient never stops the
/// others; once a dependency is down (after its own retries), recipients not yet started are
/// reported as <c>not_attempted</c> instead of waiting on the same outage.
/// </summary>
public sealed class SendMailFlow(
    ReportLinkService reports,
    SubscriptionService subscriptions,
    AuditTrail audit,
    UnsubscribeTokenService tokens,
    MessageComposer composer,
    IMailTransport transport,
    PiiHasher hasher,
    TimeProvider timeProvider,
    int concurrency)
{
    /// <summary>Sends. Dependency failures before any message goes out throw <see cref="DependencyUnavailableException"/>.</summary>
    public async Task<SendMailOutcome> RunAsync(SendMailCommand command, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        IReadOnlyList<ReportLink> links = [];
        if (command.Reports is { } selection)
        {
            var (built, missing) = await reports.BuildAsync(selection, cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0)
            {
                return new SendMailOutcome(missing, [], []);
            }

            links = built;
        }

        // The deadline is not Parallel's token: once messages may have gone out, it fails each
        // recipient still pending (reported, retryable) instead of cancelling the whole answer.
        var results = new RecipientResult[command.Recipients.Count];
        var outage = new OutageFlag();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, command.Recipients.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (index, _) => results[index] = await SendOneAsync(command, command.Recipients[index], links, context, outage, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return new SendMailOutcome([], results, links);
    }

    private async Task<RecipientResult> SendOneAsync(SendMailCommand command, string recipient, IReadOnlyList<ReportLink> links, AuditContext context, OutageFlag outage, CancellationToken cancellationToken)
    {
        if (outage.Seen)
        {
            // A dependency has already failed after its own retries: recipients not yet started
            // are reported without spending the request's time budget on the same outage.
            return new RecipientResult(recipient, RecipientResult.Failed, Error: RecipientError.NotAttempted);
        }

        var topic = command.Type.Topic();
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
            var outcome = await transport.SendAsync(composer.Compose(command, recipient, unsubscribeToken, links), cancellationToken).ConfigureAwait(false);
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
