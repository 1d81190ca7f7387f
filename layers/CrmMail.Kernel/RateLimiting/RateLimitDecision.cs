namespace CrmMail.Kernel.RateLimiting;

/// <summary>
/// What <see cref="FixedWindowRateLimiter.CheckAsync"/> decided, with what the caller is told
/// (X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset and, when refused, Retry-After).
/// </summary>
/// <param name="Allowed">True when this request took a slot.</param>
/// <param name="Limit">The policy's limit.</param>
/// <param name="Remaining">Slots left in this window after this request.</param>
/// <param name="ResetAt">When the window ends (the next one starts empty).</param>
/// <param name="RetryAfter">How long until a refused request may succeed (zero when allowed).</param>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, TimeSpan RetryAfter);
