using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Mail.Sending;

/// <summary>
/// One send-mail request: report links checked and signed once, then every recipient through
/// <see cref="RecipientSendService"/> (the subscription gate, an unsubscribe token, the
/// composed message and the transport), the same per-recipient code the outreach routes use.
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
    private readonly RecipientSendService _recipients = new(subscriptions, audit, tokens, transport, hasher, timeProvider, concurrency);

    /// <summary>Sends. Dependency failures before any message goes out throw <see cref="Kernel.DependencyUnavailableException"/>.</summary>
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

        var results = await _recipients.SendAllAsync(
            command.Recipients,
            command.Type.Topic(),
            (recipient, token) => composer.Compose(command, recipient, token, links),
            context,
            cancellationToken).ConfigureAwait(false);
        return new SendMailOutcome([], results, links);
    }
}
