using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Signing;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Mail.Sending;

/// <summary>
/// One send-mail request: report links checked and signed once, then for each recipient the
/// subscription gate, an unsubscribe token, the composed message and the transport. Every
/// recipient ends as sent, suppressed or failed; a failure of one never stops the others.
/// </summary>
public sealed class SendMailService(
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
    public async Task<SendMailOutcome> SendAsync(SendMailCommand command, AuditContext context, CancellationToken cancellationToken)
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

        var results = new RecipientResult[command.Recipients.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, command.Recipients.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await SendOneAsync(command, command.Recipients[index], links, context, token).ConfigureAwait(false)).ConfigureAwait(false);
        return new SendMailOutcome([], results, links);
    }

    private async Task<RecipientResult> SendOneAsync(SendMailCommand command, string recipient, IReadOnlyList<ReportLink> links, AuditContext context, CancellationToken cancellationToken)
    {
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
            return outcome.Sent
                ? new RecipientResult(recipient, RecipientResult.Sent, MessageId: outcome.MessageId)
                : new RecipientResult(recipient, RecipientResult.Failed, Error: outcome.Error);
        }
        catch (DependencyUnavailableException exception)
        {
            // Reported with the others; the caller can retry just this recipient.
            return new RecipientResult(recipient, RecipientResult.Failed, Error: "unavailable: " + exception.Message);
        }
    }
}
