using CrmMail.Mail.Idempotency;

namespace CrmMail.TestSupport;

/// <summary>Idempotency keys in memory with the same rules as the DynamoDB store.</summary>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Hash, bool Done, int Status, string? Response)> _keys = new(StringComparer.Ordinal);

    public Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var entry))
            {
                _keys[key] = (requestHash, false, 0, null);
                return Task.FromResult(new IdempotencyClaim(IdempotencyState.Started));
            }

            return Task.FromResult(entry.Hash != requestHash ? new IdempotencyClaim(IdempotencyState.Mismatch)
                : entry.Done ? new IdempotencyClaim(IdempotencyState.Completed, entry.Status, entry.Response)
                : new IdempotencyClaim(IdempotencyState.InProgress));
        }
    }

    public Task CompleteAsync(string key, string requestHash, int statusCode, string response, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _keys[key] = (requestHash, true, statusCode, response);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _keys.Remove(key);
        }

        return Task.CompletedTask;
    }
}
