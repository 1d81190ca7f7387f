namespace CrmMail.Inbound.Stats;

/// <summary>The CRM's <c>clientInfo</c> {clientName, clientOs, deviceType}, with the user agent.</summary>
public sealed record ClientInfo(string? ClientName, string? ClientOs, string? DeviceType, string? UserAgent);
