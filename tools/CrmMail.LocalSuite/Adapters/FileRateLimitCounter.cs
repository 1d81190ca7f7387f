using CrmMail.Kernel.RateLimiting;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// Rate-limit counters in <c>state/rate-limits.json</c> for one serve process (with
/// <c>--aws-endpoint</c>, serve uses the DynamoDB table instead, which several workers share).
/// The same contract as the DynamoDB adapter: check and increment in one step, nothing added
/// to a full window; expired windows are dropped as new ones are written.
/// </summary>
public sealed class FileRateLimitCounter(string path, TimeProvider timeProvider) : IRateLimitCounter
{
    private readonly JsonFileTable<StoredCount> _table = new(path, LocalJsonContext.Default.DictionaryStringStoredCount);

    /// <inheritdoc />
    public Task<long?> TryIncrementAsync(string key, long limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(_table.Update<long?>(rows =>
        {
            foreach (var expired in rows.Where(r => r.Value.ExpiresAt <= now).Select(r => r.Key).ToList())
            {
                rows.Remove(expired);
            }

            var count = rows.TryGetValue(key, out var row) ? row.Count : 0;
            if (count >= limit)
            {
                return (false, null);
            }

            rows[key] = new StoredCount(count + 1, expiresAt);
            return (true, count + 1);
        }));
    }
}
