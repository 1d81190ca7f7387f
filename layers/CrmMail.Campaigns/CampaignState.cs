namespace CrmMail.Campaigns;

/// <summary>Where a campaign is in its life.</summary>
public enum CampaignState
{
    /// <summary>Stored and handed to the planner; nothing sent yet.</summary>
    Queued = 0,

    /// <summary>Planned: batches are on the queue and senders work through them.</summary>
    Sending = 1,

    /// <summary>Paused by its owner: senders park the batches they receive until it resumes.</summary>
    Paused = 2,

    /// <summary>Every recipient has a result (sent, suppressed or failed).</summary>
    Completed = 3,

    /// <summary>Cancelled by its owner: recipients not yet sent are never sent.</summary>
    Cancelled = 4,

    /// <summary>The plan could not be made (the recipient list is unreadable).</summary>
    Failed = 5,
}
