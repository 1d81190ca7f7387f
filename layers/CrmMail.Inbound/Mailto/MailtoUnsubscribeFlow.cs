using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Inbound.Mailto;

/// <summary>
/// Acts on a mail to the unsubscribe mailbox. The token in the subject (our mailto link puts
/// it there) names the address and topic exactly, even when the mail comes from a forwarding
/// address, and needs no verdict. Without a usable token the From address is used only when
/// <see cref="SenderAuthentication"/>'s DMARC rule vouches for it (anyone can forge From) and
/// neither spam nor virus failed; the topics are then inferred from subject and body. The
/// audit row's <c>sender-rule</c> says which rule matched. Idempotent on SES's message id:
/// the audit row's event id is <c>mailto:&lt;messageId&gt;</c>, so a second SNS delivery
/// writes no second row, and re-applying an unsubscribe changes nothing. Transient failures
/// throw, so Lambda retries.
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
            ["spf"] = message.Verdicts.Spf,
            ["dkim"] = message.Verdicts.Dkim,
            ["dmarc"] = message.Verdicts.Dmarc,
            ["spam"] = message.Verdicts.Spam,
            ["virus"] = message.Verdicts.Virus,
            ["subject"] = message.Subject.Length > 200 ? message.Subject[..200] : message.Subject,
        };

        if (message.Token is not null)
        {
            var opened = await tokens.OpenAsync(message.Token, TokenPurpose.Unsubscribe, cancellationToken).ConfigureAwait(false);
            if (opened.IsValid)
            {
                detection["reason"] = "token";
                detection["sender-rule"] = SenderRules.Token;
                detection["inferredTopics"] = opened.Payload.Topic;
                var change = await subscriptions.UnsubscribeAsync(opened.Payload.Email, opened.Payload.Topic,
                    context with { TokenAge = timeProvider.GetUtcNow() - opened.Payload.IssuedAt, Detection = detection }, cancellationToken).ConfigureAwait(false);
                return new MailtoOutcome(true, "token", [opened.Payload.Topic], change.Changed, opened.Payload.Email);
            }

            detection["tokenRejection"] = opened.Rejection.ToString()!;
        }

        var sender = SenderAuthentication.Evaluate(message);
        if (!sender.Trusted || message.FromAddress is null || !EmailAddress.IsPlausible(message.FromAddress))
        {
            return new MailtoOutcome(false, sender.RefusedReason ?? "no_sender", [], false);
        }

        var topics = InferTopics(message.Subject + "\n" + message.BodyText);
        detection["reason"] = "verified_sender";
        detection["sender-rule"] = sender.Rule!;
        // Domains only: enough to see later why the rule matched, without another address.
        AddIfPresent(detection, "envelopeDomain", DomainAlignment.Canonical(DomainAlignment.DomainOf(message.EnvelopeFrom)));
        AddIfPresent(detection, "dkimDomains", message.DkimDomains.Count == 0 ? null : string.Join(',', message.DkimDomains));
        detection["inferredTopics"] = topics is null ? "all" : string.Join(',', topics);
        var result = await subscriptions.UnsubscribeAsync(message.FromAddress, topics?.Single(), context with { Detection = detection }, cancellationToken).ConfigureAwait(false);
        return new MailtoOutcome(true, sender.Rule!, topics ?? ["*"], result.Changed, message.FromAddress);
    }

    /// <summary>One topic when the text names exactly one; null (everything) otherwise.</summary>
    public static IReadOnlyList<string>? InferTopics(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var financial = ContainsAny(text, "financial", "statement", "report", "royalt", "payment", "invoice");
        var outreach = ContainsAny(text, "newsletter", "outreach", "marketing", "news", "promotion");
        return financial == outreach ? null : financial ? [Topics.Financial] : [Topics.Outreach];
    }

    private static void AddIfPresent(Dictionary<string, string> detection, string key, string? value)
    {
        if (value is { Length: > 0 })
        {
            detection[key] = value.Length > 200 ? value[..200] : value;
        }
    }

    private static bool ContainsAny(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
