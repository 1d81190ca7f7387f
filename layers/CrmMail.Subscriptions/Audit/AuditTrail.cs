using CrmMail.Kernel;

namespace CrmMail.Subscriptions.Audit;

/// <summary>
/// Writes audit rows after the state change they describe. When the store still fails after
/// its retries, the change stands and the row goes to the <see cref="IAuditFallback"/> (in
/// AWS the structured log with the marker <c>AUDIT_FALLBACK</c>, address replaced by its keyed
/// hash, and an <c>AuditWriteFailed</c> metric): never nowhere. Each write has a slice of time
/// of its own (<see cref="Reserves.Audit"/>), not the caller's token: the change it
/// records is already made, often just before the invocation's deadline, and the deadline's
/// margin keeps that slice free. Every change that took effect is counted by the
/// <see cref="IAuditChangeCounter"/> (in AWS an EMF metric: the dashboard's unsubscribes by source).
/// </summary>
public sealed class AuditTrail(IAuditLog log, IAuditFallback fallback, TimeProvider? timeProvider = null, IAuditChangeCounter? changes = null)
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The marker on fallback log lines (a metric filter or a replay job can find them); <see cref="IAuditFallback"/> implementations write it.</summary>
    public const string FallbackMarker = "AUDIT_FALLBACK";

    /// <summary>
    /// The EMF metric counting changes that took effect (dimensions Action and Source, their
    /// <see cref="AuditNames"/> wire names): unsubscribes by source on the dashboard.
    /// </summary>
    public const string ChangeMetric = "SubscriptionChanges";

    /// <summary>
    /// Records the row; false when the event id was recorded before. The write runs in its own
    /// slice even when <paramref name="cancellationToken"/> (the work's deadline) has fired;
    /// a write that fails or runs out of its slice becomes the fallback line.
    /// </summary>
    public async Task<bool> RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Changed)
        {
            // Every subscription change of every entry point passes here; a no-op repeat is not counted.
            changes?.Count(entry);
        }

        using var slice = new CancellationTokenSource(Reserves.Audit, _timeProvider);
        try
        {
            return await log.WriteAsync(entry, slice.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The unsubscribe is already applied; losing the row silently is the one thing not allowed.
            fallback.Record(entry, exception);
            return true;
        }
    }

    /// <summary>A contact's history, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken)
        => log.HistoryAsync(email, limit, cancellationToken);
}
