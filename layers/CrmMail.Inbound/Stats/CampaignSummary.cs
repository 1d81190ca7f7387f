namespace CrmMail.Inbound.Stats;

/// <summary>One campaign over the asked range: its totals and its days (oldest first, only days with a row).</summary>
public sealed record CampaignSummary(string Name, CampaignTotals Totals, IReadOnlyList<CampaignDayCounts> Days);
