using System.Globalization;

namespace CrmMail.Kernel.RateLimiting;

/// <summary>
/// Fixed-window limits over a shared <see cref="IRateLimitCounter"/>: windows are aligned to the
/// epoch on the injected clock (so every container agrees on which window a request falls in),
/// and each subject's window has one counter, keyed <c>ratelimit#{policy}#{subject}#{windowStart}</c>.
/// A refused request adds nothing, so a caller hammering a full window does not push the
/// counter (or its own Retry-After) further. Reusable by any route family: the outreach send
/// routes now, the stats and gallery routes next.
/// </summary>
public sealed class FixedWindowRateLimiter(IRateLimitCounter counter, TimeProvider timeProvider)
{
    /// <summary>The longest subject accepted (Firebase uids are at most 128 characters).</summary>
    public const int MaxSubjectLength = 128;

    /// <summary>
    /// Takes a slot for <paramref name="subject"/> under <paramref name="policy"/>, or refuses.
    /// A counter store that is down throws <see cref="DependencyUnavailableException"/>: the
    /// caller answers 503, never lets the request through unlimited.
    /// </summary>
    public async Task<RateLimitDecision> CheckAsync(RateLimitPolicy policy, string subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (subject.Length > MaxSubjectLength)
        {
            throw new ArgumentException($"A subject is at most {MaxSubjectLength} characters.", nameof(subject));
        }

        var now = timeProvider.GetUtcNow();
        var windowSeconds = (long)policy.Window.TotalSeconds;
        var nowSeconds = now.ToUnixTimeSeconds();
        var start = nowSeconds - (((nowSeconds % windowSeconds) + windowSeconds) % windowSeconds);
        var resetAt = DateTimeOffset.FromUnixTimeSeconds(start + windowSeconds);
        var key = string.Create(CultureInfo.InvariantCulture, $"ratelimit#{policy.Name}#{subject}#{start}");
        var count = await counter.TryIncrementAsync(key, policy.Limit, resetAt, cancellationToken).ConfigureAwait(false);
        if (count is { } taken)
        {
            return new RateLimitDecision(true, policy.Limit, (int)Math.Max(0, policy.Limit - taken), resetAt, TimeSpan.Zero);
        }

        // Whole seconds, rounded up: Retry-After is an integer and must not invite an early retry.
        var wait = resetAt - now;
        var retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
        return new RateLimitDecision(false, policy.Limit, 0, resetAt, retryAfter);
    }
}
