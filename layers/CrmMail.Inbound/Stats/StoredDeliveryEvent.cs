using CrmMail.Inbound.Events;

namespace CrmMail.Inbound.Stats;

/// <summary>An event as the events table holds it: the shared shape and the provider's own word for it.</summary>
/// <param name="Event">The event (never an address: only its keyed hash).</param>
/// <param name="ProviderEvent">The provider's word (<c>Bounce</c>, <c>opened</c>).</param>
public sealed record StoredDeliveryEvent(DeliveryEvent Event, string ProviderEvent);
