using CrmMail.Mail.Idempotency;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Idempotency keys in <c>state/idempotency.json</c>, with the DynamoDB store's rules and a 24-hour expiry.</summary>
public sealed class FileIdempotencyStore(string path, TimeProvider timeProvider) : IIdempotencyStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly JsonFileTable<StoredIdempotencyKey> _table = new(path, LocalJsonContext.Default.DictionaryStringStoredIdempotencyKey);

    /// <inheritdoc />
    public Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(_table.Update(rows =>
        {
            if (!rows.TryGetValue(key, out var row) || row.ExpiresAt <= now)
            {
                rows[key] = new StoredIdempotencyKey(requestHash, false, 0, null, now + Lifetime);
                return (true, new IdempotencyClaim(IdempotencyState.Started));
            }

            return (false, row.RequestHash != requestHash ? new IdempotencyClaim(IdempotencyState.Mismatch)
                : row.Completed ? new IdempotencyClaim(IdempotencyState.Completed, row.StatusCode, row.Response)
                : new IdempotencyClaim(IdempotencyState.InProgress));
        }));
    }

    /// <inheritdoc />
    public Task CompleteAsync(string key, string requestHash, int statusCode, string response, CancellationToken cancellationToken)
    {
        _table.Update(rows =>
        {
            rows[key] = new StoredIdempotencyKey(requestHash, true, statusCode, response, timeProvider.GetUtcNow() + Lifetime);
            return (true, 0);
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        _table.Update(rows => (rows.Remove(key), 0));
        return Task.CompletedTask;
    }
}
