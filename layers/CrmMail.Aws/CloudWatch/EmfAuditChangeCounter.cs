using CrmMail.Hosting.Metrics;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.CloudWatch;

/// <summary>
/// Subscription changes as the <see cref="AuditTrail.ChangeMetric"/> EMF metric, with the
/// dimensions Action and Source in their audit wire names (<see cref="AuditNames"/>), so the
/// dashboard's widgets read the same words as the audit rows.
/// </summary>
public sealed class EmfAuditChangeCounter(EmfMetrics metrics) : IAuditChangeCounter
{
    /// <inheritdoc />
    public void Count(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        metrics.Emit(AuditTrail.ChangeMetric, 1, MetricUnit.Count, new KeyValuePair<string, string>("Action", AuditNames.Of(entry.Action)), new KeyValuePair<string, string>("Source", AuditNames.Of(entry.Context.Source)));
    }
}
