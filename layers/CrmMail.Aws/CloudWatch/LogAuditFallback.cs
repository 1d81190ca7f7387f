using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.Core;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.CloudWatch;

/// <summary>
/// The audit fallback in Lambda: the row as one structured log line with the marker
/// <see cref="AuditTrail.FallbackMarker"/> (the address replaced by its keyed hash, so no PII
/// reaches the logs), and an <c>AuditWriteFailed</c> EMF metric that the stack's alarm watches.
/// </summary>
public sealed class LogAuditFallback(ILambdaLogger logger, EmfMetrics metrics, PiiHasher hasher) : IAuditFallback
{
    /// <inheritdoc />
    public void Record(AuditEntry entry, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(failure);
        logger.WriteError(
            AuditTrail.FallbackMarker,
            LogField.Of("marker", AuditTrail.FallbackMarker),
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
            LogField.Of("errorType", failure.GetType().Name));
        metrics.Emit("AuditWriteFailed", 1, MetricUnit.Count);
    }
}
