namespace CrmMail.Inbound.Stats;

/// <summary>One key read of the events table: newest first, between two instants, optionally of one kind and one recipient.</summary>
/// <param name="Index">Which key <paramref name="Value"/> is.</param>
/// <param name="Value">The message id, recipient hash or day.</param>
/// <param name="From">The earliest event time (inclusive).</param>
/// <param name="To">The latest event time (inclusive).</param>
/// <param name="Kind">Only events of this kind (<see cref="Events.DeliveryEventKinds"/>), or null for all.</param>
/// <param name="RecipientHash">Only events about this recipient (with <see cref="EventIndex.Message"/>), or null.</param>
public sealed record EventLookup(EventIndex Index, string Value, DateTimeOffset From, DateTimeOffset To, string? Kind, string? RecipientHash);
