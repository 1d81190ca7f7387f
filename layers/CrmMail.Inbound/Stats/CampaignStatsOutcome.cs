namespace CrmMail.Inbound.Stats;

/// <summary>What <see cref="CampaignStatsFlow"/> found.</summary>
/// <param name="Status">Read, or Invalid with <paramref name="Problems"/>.</param>
/// <param name="Problems">Each refused parameter.</param>
/// <param name="From">The first day read.</param>
/// <param name="To">The last day read.</param>
/// <param name="Totals">Every matching campaign's counts summed (not only the page's).</param>
/// <param name="Campaigns">The page of campaigns, most sent first.</param>
/// <param name="CampaignCount">How many campaigns matched.</param>
/// <param name="Limit">The page size.</param>
/// <param name="Offset">Campaigns skipped.</param>
public sealed record CampaignStatsOutcome(
    CampaignStatsStatus Status,
    IReadOnlyList<QueryProblem> Problems,
    DateOnly From,
    DateOnly To,
    CampaignTotals Totals,
    IReadOnlyList<CampaignSummary> Campaigns,
    int CampaignCount,
    int Limit,
    int Offset)
{
    /// <summary>A refusal naming each problem.</summary>
    public static CampaignStatsOutcome Refused(IReadOnlyList<QueryProblem> problems) => new(CampaignStatsStatus.Invalid, problems, default, default, new CampaignTotals(), [], 0, 0, 0);
}
