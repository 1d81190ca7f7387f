namespace CrmMail.Inbound.SesEvents;

/// <summary>
/// An SES event as the suite reads it: the wire type, the suite's kind
/// (<see cref="Events.DeliveryEventKinds"/>), the message, its time, the recipients it names and
/// the tags the send path wrote (campaign, stream). <see cref="Details"/> is free of addresses.
/// </summary>
/// <param name="EventType">SES's <c>eventType</c> (Bounce, Open, Rendering Failure, …).</param>
/// <param name="Kind">The suite's word for it.</param>
/// <param name="MessageId">SES's message id.</param>
/// <param name="At">When it happened (the event object's timestamp, else the mail's).</param>
/// <param name="Recipients">The recipients it is about, with what is said of each.</param>
/// <param name="Campaign">The <c>campaign</c> tag, or <see cref="Events.DeliveryEventKinds.NoCampaign"/>.</param>
/// <param name="Stream">The <c>stream</c> tag when it names one of our topics.</param>
/// <param name="Details">Bounce type, user agent, link without query, reason, …</param>
/// <param name="Subscription">For a Subscription event: what the recipient changed on SES's side.</param>
public sealed record SesEvent(
    string EventType,
    string Kind,
    string MessageId,
    DateTimeOffset At,
    IReadOnlyList<SesEventTarget> Recipients,
    string Campaign,
    string? Stream,
    IReadOnlyDictionary<string, string> Details,
    SesSubscriptionChange? Subscription = null);

/// <summary>One recipient of an event and what the event says of that recipient (status, diagnostic code).</summary>
public sealed record SesEventTarget(string Address, IReadOnlyDictionary<string, string> Details);

/// <summary>
/// A Subscription event's change: the topics the recipient opted out of (everything when
/// <see cref="UnsubscribedAll"/>) and those opted into again, compared with the old preferences.
/// </summary>
public sealed record SesSubscriptionChange(bool UnsubscribedAll, IReadOnlyList<string> OptedOut, IReadOnlyList<string> OptedIn);
