namespace CrmMail.Inbound.Events;

/// <summary>
/// One provider event about one recipient of one message, in the shape both providers store
/// (<c>EVENTS_TABLE</c>) and count (the campaign counters): never an address, only its keyed
/// hash. <see cref="Details"/> holds what explains the event (bounce type, diagnostic code,
/// user agent, the clicked link without its query), each value already free of addresses.
/// </summary>
/// <param name="Provider"><c>ses</c> or <c>mailgun</c>.</param>
/// <param name="EventId">Unique per event and stable under redelivery (the de-duplication key).</param>
/// <param name="Kind">What happened, in the suite's words (<see cref="DeliveryEventKinds"/>).</param>
/// <param name="At">When the provider says it happened (the counters' day is its UTC date).</param>
/// <param name="MessageId">The provider's message id, when known.</param>
/// <param name="RecipientHash">The recipient's keyed hash (<c>PiiHasher</c>); empty when the event names no recipient.</param>
/// <param name="Campaign">The message's <c>campaign</c> tag, or <see cref="DeliveryEventKinds.NoCampaign"/>.</param>
/// <param name="Stream">The message's topic (<c>financial</c>, <c>outreach</c>), when its tags name one.</param>
/// <param name="Details">Explanations, free of addresses.</param>
public sealed record DeliveryEvent(
    string Provider,
    string EventId,
    string Kind,
    DateTimeOffset At,
    string? MessageId,
    string RecipientHash,
    string Campaign,
    string? Stream,
    IReadOnlyDictionary<string, string> Details);
