using CrmMail.Kernel;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Subscriptions;

/// <summary>
/// Resubscribe a contact. Two ways in: a Firebase ID token of CRM staff (any contact, any of
/// our topics; the email must be verified), or the recipient's own resubscribe token (only
/// that address and that topic).
/// </summary>
public sealed class AddContactFlow(IIdentityVerifier identities, UnsubscribeTokenService tokens, SubscriptionService subscriptions, string defaultTopic)
{
    /// <summary>Runs the flow; dependency failures throw <see cref="CrmMail.Kernel.DependencyUnavailableException"/>.</summary>
    public async Task<AddContactOutcome> RunAsync(string? email, IReadOnlyList<string>? topics, string? resubscribeToken, string? bearerToken, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!EmailAddress.IsPlausible(email))
        {
            return new AddContactOutcome(AddContactStatus.BadRequest, "invalid_email", "email must be a valid address.");
        }

        if (topics is not null && (topics.Count == 0 || topics.Any(t => !Topics.IsKnown(t))))
        {
            return new AddContactOutcome(AddContactStatus.BadRequest, "invalid_topics", $"topics must be a non-empty subset of: {string.Join(", ", Topics.All)}.");
        }

        IReadOnlyList<string> wanted;
        string actor;
        if (!string.IsNullOrEmpty(bearerToken))
        {
            var check = await identities.CheckAsync(bearerToken, cancellationToken).ConfigureAwait(false);
            if (check.Verdict != IdentityVerdict.Verified)
            {
                return check.Verdict == IdentityVerdict.EmailNotVerified
                    ? new AddContactOutcome(AddContactStatus.Forbidden, "email_not_verified", "The signed-in account's email address is not verified.")
                    : new AddContactOutcome(AddContactStatus.Unauthorized, "invalid_credentials", "The ID token is not valid.");
            }

            wanted = topics?.Distinct(StringComparer.Ordinal).ToList() ?? [defaultTopic];
            actor = check.Actor ?? throw new InvalidOperationException("A verified identity names its actor.");
        }
        else if (!string.IsNullOrEmpty(resubscribeToken))
        {
            var opened = await tokens.OpenAsync(resubscribeToken, TokenPurpose.Resubscribe, cancellationToken).ConfigureAwait(false);
            if (!opened.IsValid)
            {
                return new AddContactOutcome(AddContactStatus.Unauthorized, opened.Rejection == TokenRejection.Expired ? "token_expired" : "invalid_token", "The resubscribe token is not valid.");
            }

            var payload = opened.Payload;
            if (!string.Equals(EmailAddress.Normalize(payload.Email), EmailAddress.Normalize(email!), StringComparison.Ordinal)
                || (topics is not null && topics.Any(t => t != payload.Topic)))
            {
                return new AddContactOutcome(AddContactStatus.Forbidden, "token_scope", "A resubscribe token is valid only for its own address and topic.");
            }

            wanted = [payload.Topic];
            actor = "token";
        }
        else
        {
            return new AddContactOutcome(AddContactStatus.Unauthorized, "missing_credentials", "Send a Firebase ID token (Authorization: Bearer) or a resubscribe token.");
        }

        var change = await subscriptions.ResubscribeAsync(email!, wanted, context with { Actor = actor }, cancellationToken).ConfigureAwait(false);
        return new AddContactOutcome(AddContactStatus.Resubscribed, "resubscribed", change.Changed ? "Resubscribed." : "Already subscribed.", wanted, change.Changed);
    }
}
