namespace CrmMail.Aws.Http;

/// <summary>
/// Exponential back-off with full jitter inside a time budget (the AWS SDKs' "standard" retry
/// shape): attempt n waits a random time in [0, min(cap, base·2^n)], and no wait starts that
/// would end past the budget.
/// </summary>
public sealed record BackoffPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan Budget)
{
    /// <summary>4 attempts, 100 ms base, 2 s cap, 6 s budget (well inside API Gateway's 29 s).</summary>
    public static BackoffPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));

    /// <summary>The delay before retry number <paramref name="attempt"/> (1-based), or null when out of attempts or budget.</summary>
    public TimeSpan? DelayBefore(int attempt, TimeSpan elapsed)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        return elapsed + delay > Budget ? null : delay;
    }
}
