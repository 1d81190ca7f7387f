namespace CrmMail.Inbound.Stats;

/// <summary>GET /outreach/campaign-stats's parameters as they arrived (the flow checks them).</summary>
/// <param name="CampaignId">One campaign (its <c>campaign</c> tag), or null for every campaign.</param>
/// <param name="StartDate">ISO 8601; default 30 days before the end.</param>
/// <param name="EndDate">ISO 8601; default now.</param>
/// <param name="Tags">Campaign tags to keep (a campaign is named by its tag, so a tag selects campaigns); empty keeps all.</param>
/// <param name="Limit">Campaign rows per page, 1 to 1,000 (default 100).</param>
/// <param name="Offset">Campaign rows to skip.</param>
public sealed record CampaignStatsRequest(string? CampaignId, string? StartDate, string? EndDate, IReadOnlyList<string> Tags, string? Limit, string? Offset);
