namespace CrmMail.Inbound.Stats;

/// <summary>GET /outreach/tracking-data's parameters as they arrived (the flow checks them).</summary>
/// <param name="MessageId">One provider message id.</param>
/// <param name="RecipientEmail">One recipient: looked up by its keyed hash, never stored or logged.</param>
/// <param name="StartDate">ISO 8601.</param>
/// <param name="EndDate">ISO 8601.</param>
/// <param name="EventType">One kind (<see cref="Events.DeliveryEventKinds"/>).</param>
/// <param name="Limit">Events per page, 1 to 1,000 (default 100).</param>
/// <param name="Offset">Events to skip.</param>
public sealed record TrackingDataRequest(string? MessageId, string? RecipientEmail, string? StartDate, string? EndDate, string? EventType, string? Limit, string? Offset);
