namespace CrmMail.Campaigns;

/// <summary>What the planner did with a campaign.</summary>
public enum CampaignPlanStatus
{
    /// <summary>Its batches are on the queue and it is sending.</summary>
    Planned = 0,

    /// <summary>No such campaign.</summary>
    NotFound = 1,

    /// <summary>Already planned, paused, cancelled or finished: nothing done (a repeated event).</summary>
    NotQueued = 2,

    /// <summary>The recipient list is missing or no longer matches the campaign: the campaign failed.</summary>
    Failed = 3,
}
