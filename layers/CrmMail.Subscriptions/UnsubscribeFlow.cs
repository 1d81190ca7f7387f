using CrmMail.Kernel;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Subscriptions;

/// <summary>
/// An unsubscribe link or one-click POST: open the token, check it belongs to the URL's
/// stream, apply the opt-out (unless only confirming), and hand back a resubscribe token for
/// the confirmation page.
/// </summary>
public sealed class UnsubscribeFlow(UnsubscribeTokenService tokens, SubscriptionService subscriptions, TimeProvider timeProvider)
{
    /// <summary>Runs the flow. Transient failures throw <see cref="CrmMail.Kernel.DependencyUnavailableException"/> before anything is applied, or after it is applied completely.</summary>
    public async Task<UnsubscribeOutcome> RunAsync(string? token, string stream, bool apply, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = await tokens.OpenAsync(token, TokenPurpose.Unsubscribe, cancellationToken).ConfigureAwait(false);
        if (!opened.IsValid)
        {
            return new UnsubscribeOutcome(UnsubscribeStatus.InvalidToken, opened.Rejection);
        }

        // Tokens sealed before addresses were canonical still open; they act on the canonical contact.
        var payload = opened.Payload with { Email = EmailAddress.Normalize(opened.Payload.Email) };
        if (!string.Equals(payload.Topic, stream, StringComparison.Ordinal))
        {
            return new UnsubscribeOutcome(UnsubscribeStatus.StreamMismatch, Email: payload.Email, Topic: payload.Topic);
        }

        if (!apply)
        {
            return new UnsubscribeOutcome(UnsubscribeStatus.ConfirmationRequired, Email: payload.Email, Topic: payload.Topic, ResubscribeToken: token);
        }

        // The resubscribe token is sealed first: if KMS is down, nothing has been changed yet.
        var resubscribe = await tokens.SealAsync(payload.Email, payload.Topic, TokenPurpose.Resubscribe, cancellationToken).ConfigureAwait(false);
        var change = await subscriptions.UnsubscribeAsync(
            payload.Email,
            payload.Topic,
            context with { TokenAge = timeProvider.GetUtcNow() - payload.IssuedAt },
            cancellationToken).ConfigureAwait(false);
        return new UnsubscribeOutcome(UnsubscribeStatus.Unsubscribed, Email: payload.Email, Topic: payload.Topic, ResubscribeToken: resubscribe, Changed: change.Changed);
    }
}
