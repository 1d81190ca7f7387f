namespace CrmMail.Campaigns;

/// <summary>
/// GET /campaigns/{id}/recipients: the rows of one result, a page at a time, only for the API
/// key that created the campaign (addresses included). The continuation is the last index a
/// page covered; one outside the campaign's list is refused, and since the query runs on this
/// campaign's rows only, an edited one can at most skip within the caller's own campaign.
/// </summary>
public sealed class CampaignRecipientsFlow(ICampaignStore store, ICampaignRecords records)
{
    /// <summary>A page of <paramref name="status"/> rows after index <paramref name="after"/>.</summary>
    public async Task<CampaignRecipientsOutcome> RunAsync(string campaignId, string caller, RecipientStatus status, int? after, int limit, CancellationToken cancellationToken)
    {
        var campaign = await CampaignAccess.FindAsync(store, campaignId, caller, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return new CampaignRecipientsOutcome(CampaignRecipientsStatus.NotFound);
        }

        if (after is { } index && (index < 0 || index >= campaign.Counts.Total))
        {
            return new CampaignRecipientsOutcome(CampaignRecipientsStatus.InvalidToken);
        }

        var page = await records.ListRecipientsAsync(campaignId, status, after, limit, cancellationToken).ConfigureAwait(false);
        return new CampaignRecipientsOutcome(CampaignRecipientsStatus.Page, page);
    }
}
