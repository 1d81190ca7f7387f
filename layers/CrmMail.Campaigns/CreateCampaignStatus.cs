namespace CrmMail.Campaigns;

/// <summary>What became of a new campaign.</summary>
public enum CreateCampaignStatus
{
    /// <summary>Stored (queued) and handed to the planner.</summary>
    Queued = 0,

    /// <summary>Reports are missing for some customIds: nothing was stored.</summary>
    ReportsMissing = 1,
}
