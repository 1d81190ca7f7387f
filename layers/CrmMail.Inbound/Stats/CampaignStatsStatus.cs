namespace CrmMail.Inbound.Stats;

/// <summary>How a campaign-stats request ended.</summary>
public enum CampaignStatsStatus
{
    /// <summary>The counters were read.</summary>
    Read,

    /// <summary>A parameter was refused (<see cref="CampaignStatsOutcome.Problems"/> names each).</summary>
    Invalid,
}
