namespace CrmMail.Inbound.Events;

/// <summary>
/// Provider events (<c>EVENTS_TABLE</c>), each stored once and counted with it. In AWS one
/// DynamoDB transaction writes the event under a not-exists condition and adds its counters,
/// so a redelivered event can neither be stored twice nor counted twice.
/// </summary>
public interface IDeliveryEventStore
{
    /// <summary>Whether <paramref name="eventId"/> was stored before (its effects were then applied).</summary>
    Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Stores the event and adds its counters; false, changing nothing, when it was stored before.</summary>
    Task<bool> TryRecordAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken);
}
