using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Inbound.Mailto;

/// <summary>
/// Acts on a mail to the unsubscribe mailbox. The token in the subject (our mailto link puts
/// it there) names the address and topic exactly, even when the mail comes from a forwarding
/// address. Without a usable token the From address is used, but only when SES's SPF or DKIM
/// verdict is PASS and neither spam nor virus failed (anyone can forge From); the topics are
/// then inferred from subject and body. Idempotent on SES's message id: the audit row's event
/// id is <c>mailto:&lt;messageId&gt;</c>, so a second SNS delivery writes no second row, and
/// re-applying an unsubscribe changes nothing. Transient failures throw, so Lambda retries.
/// </summary>
public sealed class MailtoUnsubscribeFlow(UnsubscribeTokenService tokens, SubscriptionService subscriptions, TimeProvider timeProvider)
{
    /// <summary>Acts on one parsed message.</summary>
    public async Task<MailtoOutcome> RunAsync(MailtoMessage message, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var context = new AuditContext
        {
            EventId = "mailto:" + message.MessageId,
            Source = AuditSource.Mailto,
            RequestId = requestId,
            Method = "MAIL",
        };
        var detection = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["spf"] = message.SpfVerdict,
            ["dkim"] = message.DkimVerdict,
            ["spam"] = message.SpamVerdict,
            ["virus"] = message.VirusVerdict,
            ["subject"] = message.Subject.Length > 200 ? message.Subject[..200] : message.Subject,
        };

        if (message.Token is not null)
        {
            var opened = await tokens.OpenAsync(message.Token, TokenPurpose.Unsubscribe, cancellationToken).ConfigureAwait(false);
            if (opened.IsValid)
            {
                detection["reason"] = "token";
                detection["inferredTopics"] = opened.Payload.Topic;
                var change = await subscriptions.UnsubscribeAsync(opened.Payload.Email, opened.Payload.Topic,
                    context with { TokenAge = timeProvider.GetUtcNow() - opened.Payload.IssuedAt, Detection = detection }, cancellationToken).ConfigureAwait(false);
                return new MailtoOutcome(true, "token", [opened.Payload.Topic], change.Changed, opened.Payload.Email);
            }

            detection["tokenRejection"] = opened.Rejection.ToString()!;
        }

        if (!message.SenderVerified || message.FromAddress is null || !EmailAddress.IsPlausible(message.FromAddress))
        {
            return new MailtoOutcome(false, message.FromAddress is null ? "no_sender" : "sender_not_verified", [], false);
        }

        var topics = InferTopics(message.Subject + "\n" + message.BodyText);
        detection["reason"] = "verified_sender";
        detection["inferredTopics"] = topics is null ? "all" : string.Join(',', topics);
        var result = await subscriptions.UnsubscribeAsync(message.FromAddress, topics?.Single(), context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
        return new MailtoOutcome(true, "verified_sender", topics ?? ["*"], result.Changed, message.FromAddress);
    }

    /// <summary>One topic when the text names exactly one; null (everything) otherwise.</summary>
    public static IReadOnlyList<string>? InferTopics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var financial = ContainsAny(text, "financial", "statement", "report", "royalt", "payment", "invoice");
        var outreach = ContainsAny(text, "newsletter", "outreach", "marketing", "news", "promotion");
        return financial == outreach ? null : financial ? [Topics.Financial] : [Topics.Outreach];
    }

    private static bool ContainsAny(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
