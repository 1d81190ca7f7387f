using System.Threading.RateLimiting;

namespace CrmMail.Campaigns;

/// <summary>
/// The sender's per-instance pacer: the account's SES sending rate divided by the event source
/// mapping's maximum concurrency, so every sender instance together stays under the quota. A
/// token bucket that refills in small steps (about every 50 ms) without a burst above one step,
/// so a second never carries more than its share.
/// </summary>
public static class CampaignPacer
{
    /// <summary>The refill step: short enough to be smooth, long enough for the timer.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits beyond this many queued sends are refused (the recipients go back to the queue).</summary>
    public const int QueueLimit = 1000;

    /// <summary>Messages per second one instance may send.</summary>
    public static double PerInstanceRate(double sesMaxSendRate, int maxConcurrency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sesMaxSendRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcurrency);
        return sesMaxSendRate / maxConcurrency;
    }

    /// <summary>
    /// The token bucket options for <paramref name="perSecond"/>: one step's tokens
    /// (at least one) every step, the step lengthened so the rate is exact.
    /// </summary>
    public static TokenBucketRateLimiterOptions Options(double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        var tokens = Math.Max(1, (int)Math.Ceiling(perSecond * Step.TotalSeconds));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokens / perSecond),
            AutoReplenishment = true,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
    }

    /// <summary>A pacer for one instance.</summary>
    public static RateLimiter Create(double sesMaxSendRate, int maxConcurrency)
        => new TokenBucketRateLimiter(Options(PerInstanceRate(sesMaxSendRate, maxConcurrency)));
}
