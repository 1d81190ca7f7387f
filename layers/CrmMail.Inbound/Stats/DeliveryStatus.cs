namespace CrmMail.Inbound.Stats;

/// <summary>The CRM's <c>deliveryStatus</c> {code, message, description}.</summary>
public sealed record DeliveryStatus(int? Code, string? Message, string? Description);
