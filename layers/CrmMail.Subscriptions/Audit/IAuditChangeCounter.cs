namespace CrmMail.Subscriptions.Audit;

/// <summary>
/// Counts the subscription changes that took effect, by action and source (in AWS the
/// <see cref="AuditTrail.ChangeMetric"/> EMF metric behind the dashboard's unsubscribes by
/// source). A port, so the domain names what is counted and the hosting side says how.
/// Implementations never throw.
/// </summary>
public interface IAuditChangeCounter
{
    /// <summary>Counts <paramref name="entry"/>, a change that took effect (<see cref="AuditEntry.Changed"/>).</summary>
    void Count(AuditEntry entry);
}
