namespace CrmMail.LocalSuite.Adapters;

/// <summary>A provider event's row, as the events table holds it (no address, only its hash).</summary>
internal sealed record StoredDeliveryEvent(string EventId, string Provider, string Kind, DateTimeOffset At, string? MessageId, string RecipientHash, string Campaign, string? Stream, Dictionary<string, string> Details);
