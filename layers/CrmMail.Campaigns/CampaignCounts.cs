namespace CrmMail.Campaigns;

/// <summary>
/// A campaign's recipients by result. <see cref="Pending"/> is stored, not derived: each
/// recipient's result moves one from pending to its result in the same transaction, so
/// "pending is zero" is a condition the store can check when it completes the campaign.
/// </summary>
public sealed record CampaignCounts(long Total, long Sent, long Suppressed, long Failed, long Pending)
{
    /// <summary>A new campaign of <paramref name="total"/> distinct recipients, all pending.</summary>
    public static CampaignCounts Start(long total) => new(total, 0, 0, 0, total);
}
