namespace CrmMail.Campaigns;

/// <summary>
/// GET /campaigns/{id}: the campaign, only for the API key that created it. Any other caller
/// gets the same answer as for an id that does not exist, so ids never leak.
/// </summary>
public sealed class CampaignStatusFlow(ICampaignStore store)
{
    /// <summary>The campaign as <paramref name="caller"/> may see it.</summary>
    public async Task<CampaignStatusOutcome> RunAsync(string campaignId, string caller, CancellationToken cancellationToken)
        => new(await CampaignAccess.FindAsync(store, campaignId, caller, cancellationToken).ConfigureAwait(false));
}
