namespace CrmMail.Subscriptions;

/// <summary>
/// Contact leases in this process's memory, with the DynamoDB adapter's rules (expiry on the
/// injected clock, release only by the owner). Serialises every <see cref="SubscriptionService"/>
/// that shares the instance: tests (two "containers" over one store) and single-process hosts.
/// It does not serialise other processes: Lambda uses the DynamoDB lease.
/// </summary>
public sealed class InProcessContactLease(TimeProvider timeProvider) : IContactLease
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryAcquireAsync(string contactKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactKey);
        ArgumentNullException.ThrowIfNull(owner);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_leases.TryGetValue(contactKey, out var held) && held.ExpiresAt >= now)
            {
                return Task.FromResult(false);
            }

            _leases[contactKey] = (owner, now + duration);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string contactKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactKey);
        lock (_gate)
        {
            if (_leases.TryGetValue(contactKey, out var held) && held.Owner == owner)
            {
                _leases.Remove(contactKey);
            }
        }

        return Task.CompletedTask;
    }
}
