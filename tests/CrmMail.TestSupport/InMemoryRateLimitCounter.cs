using System.Collections.Concurrent;
using CrmMail.Kernel;
using CrmMail.Kernel.RateLimiting;

namespace CrmMail.TestSupport;

/// <summary>Rate-limit counters in memory, atomic like the DynamoDB adapter; <see cref="Down"/> makes it an outage.</summary>
public sealed class InMemoryRateLimitCounter : IRateLimitCounter
{
    public ConcurrentDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public bool Down { get; set; }

    public Task<long?> TryIncrementAsync(string key, long limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new DependencyUnavailableException("DynamoDB UpdateItem (rate limit) failed: test outage");
        }

        lock (Counts)
        {
            var count = Counts.GetValueOrDefault(key);
            if (count >= limit)
            {
                return Task.FromResult<long?>(null);
            }

            Counts[key] = count + 1;
            return Task.FromResult<long?>(count + 1);
        }
    }
}
