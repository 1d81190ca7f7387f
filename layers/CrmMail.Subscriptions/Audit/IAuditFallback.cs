namespace CrmMail.Subscriptions.Audit;

/// <summary>
/// Where an audit row goes when the audit store still fails after its retries: the change it
/// records stands, so the row must land somewhere a replay can find it (in AWS, a structured
/// log line marked <see cref="AuditTrail.FallbackMarker"/> and an <c>AuditWriteFailed</c>
/// metric). Implementations never throw.
/// </summary>
public interface IAuditFallback
{
    /// <summary>Keeps <paramref name="entry"/>, whose write failed with <paramref name="failure"/>.</summary>
    void Record(AuditEntry entry, Exception failure);
}
