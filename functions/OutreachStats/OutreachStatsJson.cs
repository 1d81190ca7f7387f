using System.Text.Json.Serialization;
using CrmMail.Hosting.Responses;

namespace CrmMail.Functions.OutreachStats;

/// <summary>The CRM's CampaignStatsResponse {success, data, timestamp, version}.</summary>
internal sealed record CampaignStatsReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("data")] CampaignStatsData Data,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);

/// <summary>
/// CampaignStatsResponse.data: the CRM's totals and rates (opens and clicks are unique
/// recipients, the rates' basis), its per-campaign rows, and beside them what the counters also
/// know (every open and click, suppressed) with the range read and the campaigns' pagination.
/// </summary>
internal sealed record CampaignStatsData(
    [property: JsonPropertyName("totalSent")] long TotalSent,
    [property: JsonPropertyName("delivered")] long Delivered,
    [property: JsonPropertyName("opens")] long Opens,
    [property: JsonPropertyName("clicks")] long Clicks,
    [property: JsonPropertyName("bounces")] long Bounces,
    [property: JsonPropertyName("complaints")] long Complaints,
    [property: JsonPropertyName("unsubscribes")] long Unsubscribes,
    [property: JsonPropertyName("deliveryRate")] double DeliveryRate,
    [property: JsonPropertyName("openRate")] double OpenRate,
    [property: JsonPropertyName("clickRate")] double ClickRate,
    [property: JsonPropertyName("campaigns")] IReadOnlyList<CampaignRow> Campaigns,
    [property: JsonPropertyName("totalOpens")] long TotalOpens,
    [property: JsonPropertyName("totalClicks")] long TotalClicks,
    [property: JsonPropertyName("suppressed")] long Suppressed,
    [property: JsonPropertyName("startDate")] string StartDate,
    [property: JsonPropertyName("endDate")] string EndDate,
    [property: JsonPropertyName("pagination")] Pagination Pagination);

/// <summary>One campaign (the CRM's CampaignMetrics: name, sent, delivered, opens, clicks; and the rest of its counts and rates).</summary>
internal sealed record CampaignRow(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sent")] long Sent,
    [property: JsonPropertyName("delivered")] long Delivered,
    [property: JsonPropertyName("opens")] long Opens,
    [property: JsonPropertyName("clicks")] long Clicks,
    [property: JsonPropertyName("bounces")] long Bounces,
    [property: JsonPropertyName("complaints")] long Complaints,
    [property: JsonPropertyName("unsubscribes")] long Unsubscribes,
    [property: JsonPropertyName("suppressed")] long Suppressed,
    [property: JsonPropertyName("totalOpens")] long TotalOpens,
    [property: JsonPropertyName("totalClicks")] long TotalClicks,
    [property: JsonPropertyName("deliveryRate")] double DeliveryRate,
    [property: JsonPropertyName("openRate")] double OpenRate,
    [property: JsonPropertyName("clickRate")] double ClickRate);

/// <summary>The CRM's pagination object; <c>truncated</c> says the total is a lower bound (more matched than one request reads).</summary>
internal sealed record Pagination(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("hasMore")] bool HasMore,
    [property: JsonPropertyName("truncated")] bool Truncated);

/// <summary>The CRM's tracking-data reply {success, data {events, pagination}, timestamp, version}.</summary>
internal sealed record TrackingDataReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("data")] TrackingData Data,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);

/// <summary>The events, newest first, and the pagination object.</summary>
internal sealed record TrackingData(
    [property: JsonPropertyName("events")] IReadOnlyList<TrackingEvent> Events,
    [property: JsonPropertyName("pagination")] Pagination Pagination);

/// <summary>
/// One event in the CRM's shape (messageId, event, timestamp, recipient, tags). No table holds an
/// address, so <c>recipient</c> is present only when the request named it (recipientEmail) and
/// <c>recipientHash</c> always; <c>details</c> carries what explains the event (bounce type,
/// diagnostic code, user agent, link), and the CRM's <c>deliveryStatus</c>, <c>clientInfo</c> and
/// <c>geolocation</c> objects are drawn from it when the provider reported them
/// (<see cref="CrmMail.Inbound.Stats.TrackingDetails"/>).
/// </summary>
internal sealed record TrackingEvent(
    [property: JsonPropertyName("messageId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageId,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("recipient"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Recipient,
    [property: JsonPropertyName("recipientHash"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RecipientHash,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("campaign")] string Campaign,
    [property: JsonPropertyName("stream"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stream,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("providerEvent")] string ProviderEvent,
    [property: JsonPropertyName("details")] IReadOnlyDictionary<string, string> Details,
    [property: JsonPropertyName("deliveryStatus"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DeliveryStatusReply? DeliveryStatus = null,
    [property: JsonPropertyName("clientInfo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ClientInfoReply? ClientInfo = null,
    [property: JsonPropertyName("geolocation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GeolocationReply? Geolocation = null);

/// <summary>The CRM's <c>deliveryStatus</c> {code, message, description} (absent fields omitted).</summary>
internal sealed record DeliveryStatusReply(
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Code,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description);

/// <summary>The CRM's <c>clientInfo</c> {clientName, clientOs, deviceType}, with the user agent.</summary>
internal sealed record ClientInfoReply(
    [property: JsonPropertyName("clientName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientName,
    [property: JsonPropertyName("clientOs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientOs,
    [property: JsonPropertyName("deviceType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceType,
    [property: JsonPropertyName("userAgent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserAgent);

/// <summary>The CRM's <c>geolocation</c> {country, region, city}.</summary>
internal sealed record GeolocationReply(
    [property: JsonPropertyName("country"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Country,
    [property: JsonPropertyName("region"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Region,
    [property: JsonPropertyName("city"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? City);


[JsonSerializable(typeof(CampaignStatsReply))]
[JsonSerializable(typeof(TrackingDataReply))]
internal sealed partial class OutreachStatsJsonContext : JsonSerializerContext;
