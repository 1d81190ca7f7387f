using CrmMail.Lambda.Core;
using CrmMail.Lambda.Metrics;
using CrmMail.Lambda.RuntimeSupport;

namespace CrmMail.Subscriptions.Audit;

/// <summary>
/// Writes audit rows after the state change they describe. When the store still fails after
/// its retries, the change stands and the row goes to the structured log with the marker
/// <c>AUDIT_FALLBACK</c> (address replaced by its keyed hash) and an <c>AuditWriteFailed</c>
/// metric: never nowhere. Each write has a slice of time of its own
/// (<see cref="InvocationDeadline.AuditReserve"/>), not the caller's token: the change it
/// records is already made, often just before the invocation's deadline, and the deadline's
/// margin keeps that slice free.
/// </summary>
public sealed class AuditTrail(IAuditLog log, ILambdaLogger logger, EmfMetrics metrics, PiiHasher hasher, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The marker on fallback log lines (a metric filter or a replay job can find them).</summary>
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
            metrics.Emit(ChangeMetric, 1, MetricUnit.Count, new KeyValuePair<string, string>("Action", AuditNames.Of(entry.Action)), new KeyValuePair<string, string>("Source", AuditNames.Of(entry.Context.Source)));
        }

        using var slice = new CancellationTokenSource(InvocationDeadline.AuditReserve, _timeProvider);
        try
        {
            return await log.WriteAsync(entry, slice.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The unsubscribe is already applied; losing the row silently is the one thing not allowed.
            logger.LogError(
                FallbackMarker,
                LogField.Of("marker", FallbackMarker),
                LogField.Of("contactHash", hasher.Hash(entry.Email)),
                LogField.Of("action", AuditNames.Of(entry.Action)),
                LogField.Of("topics", string.Join(',', entry.Topics)),
                LogField.Of("changed", entry.Changed),
                LogField.Of("source", AuditNames.Of(entry.Context.Source)),
                LogField.Of("eventId", entry.Context.EventId),
                LogField.Of("requestId", entry.Context.RequestId),
                LogField.Of("sourceIp", entry.Context.SourceIp),
                LogField.Of("userAgent", entry.Context.UserAgent),
                LogField.Of("actor", entry.Context.Actor),
                LogField.Of("tokenAgeSeconds", entry.Context.TokenAge is { } age ? (long)age.TotalSeconds : -1L),
                LogField.Of("timestamp", entry.Timestamp.ToUnixTimeMilliseconds()),
                LogField.Of("errorType", exception.GetType().Name));
            metrics.Emit("AuditWriteFailed", 1, MetricUnit.Count);
            return true;
        }
    }

    /// <summary>A contact's history, newest first.</summary>
    public Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken)
        => log.HistoryAsync(email, limit, cancellationToken);
}
