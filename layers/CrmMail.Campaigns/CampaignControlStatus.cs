namespace CrmMail.Campaigns;

/// <summary>What a pause, resume or cancel did.</summary>
public enum CampaignControlStatus
{
    /// <summary>The campaign is now in the asked state.</summary>
    Done = 0,

    /// <summary>No campaign the caller may see.</summary>
    NotFound = 1,

    /// <summary>Not allowed from the campaign's current state (which the outcome carries).</summary>
    Conflict = 2,
}
