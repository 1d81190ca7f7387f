namespace CrmMail.Inbound.Stats;

/// <summary>
/// Reads the per-campaign, per-day counters. Both reads are key lookups (a Query on the table's
/// key or on its day index), never a scan, so a read costs what it returns.
/// </summary>
public interface ICampaignStatsReader
{
    /// <summary>The counter rows of <paramref name="campaign"/> from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    Task<IReadOnlyList<CampaignDayCounts>> CampaignAsync(string campaign, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>The counter rows of every campaign counted on <paramref name="day"/>, by campaign name.</summary>
    Task<IReadOnlyList<CampaignDayCounts>> DayAsync(DateOnly day, CancellationToken cancellationToken);
}
