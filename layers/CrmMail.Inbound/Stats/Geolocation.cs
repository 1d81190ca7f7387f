namespace CrmMail.Inbound.Stats;

/// <summary>The CRM's <c>geolocation</c> {country, region, city}.</summary>
public sealed record Geolocation(string? Country, string? Region, string? City);
