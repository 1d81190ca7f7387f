namespace CrmMail.Inbound.Stats;

/// <summary>Reads stored provider events by one key of the events table (a Query on an index, never a scan).</summary>
public interface IDeliveryEventReader
{
    /// <summary>
    /// The events <paramref name="lookup"/> selects, newest first, at most <paramref name="maxRows"/>
    /// of them; the second value is true when more matched than were read.
    /// </summary>
    Task<(IReadOnlyList<StoredDeliveryEvent> Rows, bool Truncated)> ReadAsync(EventLookup lookup, int maxRows, CancellationToken cancellationToken);
}
