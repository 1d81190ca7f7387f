using System.Globalization;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Metrics;
using CrmMail.Kernel;
using CrmMail.Kernel.RateLimiting;

namespace CrmMail.Hosting.Crm;

/// <summary>
/// The caller checks of every CRM route called with a Firebase ID token, in the CRM's order:
/// the bearer token (401 <c>missing_token</c>, <c>invalid_credentials</c> or <c>invalid_token</c>),
/// the verified email (403 <c>email_not_verified</c>), the deployment's required claim (403
/// <c>insufficient_permissions</c>), then the caller's per-uid allowance (429 <c>rate_limited</c>
/// with <c>Retry-After</c>, the <c>X-RateLimit-*</c> headers and one <paramref name="rateLimitedMetric"/>
/// point, which the stack alarms on). The allowance is counted before the route reads its input,
/// so refused requests spend it too. An identity provider or counter store that cannot answer
/// throws <see cref="DependencyUnavailableException"/> (or the deadline's cancellation): the
/// route answers 503 and never lets the caller through unchecked.
/// </summary>
public sealed class CrmCallerGate(
    IIdentityVerifier identities,
    ClaimRequirement? requiredClaim,
    FixedWindowRateLimiter limiter,
    EmfMetrics metrics,
    string rateLimitedMetric,
    CrmReplies replies)
{
    private const string Bearer = "Bearer ";

    /// <summary>How the route answers; the gate's refusals are written with it.</summary>
    public CrmReplies Replies => replies;

    /// <summary>Checks the request's caller and takes a slot of <paramref name="policy"/> for it.</summary>
    public async Task<CrmGateOutcome> PassAsync(RequestView view, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var authorization = view.Header("Authorization");
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return CrmGateOutcome.Refused(replies.Error(view, 401, "missing_token", "Authorization token is required."));
        }

        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length <= Bearer.Length)
        {
            return CrmGateOutcome.Refused(replies.Error(view, 401, "invalid_credentials", "Authorization must be 'Bearer <Firebase ID token>'."));
        }

        var identity = await identities.CheckAsync(authorization[Bearer.Length..].Trim(), cancellationToken).ConfigureAwait(false);
        switch (identity.Verdict)
        {
            case IdentityVerdict.Invalid:
                return CrmGateOutcome.Refused(replies.Error(view, 401, "invalid_token", "Invalid or expired authentication token."));
            case IdentityVerdict.EmailNotVerified:
                return CrmGateOutcome.Refused(replies.Error(view, 403, "email_not_verified", "Email verification required for outreach operations."));
        }

        if (requiredClaim is not null && !requiredClaim.IsMetBy(identity))
        {
            return CrmGateOutcome.Refused(replies.Error(view, 403, "insufficient_permissions", "User lacks required permissions."));
        }

        var decision = await limiter.CheckAsync(policy, identity.Subject!, cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            // No dimension: the stack's alarm watches the function's total.
            metrics.Emit(rateLimitedMetric, 1, MetricUnit.Count);
            var limited = CrmReplies.WithRateLimit(replies.Error(view, 429, "rate_limited", "Too many requests from this user."), decision);
            limited.Headers!["Retry-After"] = ((long)decision.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return CrmGateOutcome.Refused(limited);
        }

        return CrmGateOutcome.Through(identity, decision);
    }
}
