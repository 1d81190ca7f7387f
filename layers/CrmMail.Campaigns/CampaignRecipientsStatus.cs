namespace CrmMail.Campaigns;

/// <summary>What GET /campaigns/{id}/recipients found.</summary>
public enum CampaignRecipientsStatus
{
    /// <summary>A page of rows.</summary>
    Page = 0,

    /// <summary>No campaign the caller may see.</summary>
    NotFound = 1,

    /// <summary>The continuation does not belong to this campaign's list.</summary>
    InvalidToken = 2,
}
