namespace CrmMail.Inbound.Stats;

/// <summary>One counter row: a campaign's counts on one UTC day (<see cref="Events.CampaignCounters"/> names the counters).</summary>
/// <param name="Campaign">The campaign tag, or <see cref="Events.DeliveryEventKinds.NoCampaign"/>.</param>
/// <param name="Day">The UTC date.</param>
/// <param name="Counts">Each counter present on the row; an absent counter is zero.</param>
public sealed record CampaignDayCounts(string Campaign, DateOnly Day, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>The value of <paramref name="counter"/>, zero when the row has none.</summary>
    public long this[string counter] => Counts.GetValueOrDefault(counter);
}
