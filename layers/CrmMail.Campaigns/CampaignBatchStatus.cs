namespace CrmMail.Campaigns;

/// <summary>What a sender did with one queue message.</summary>
public enum CampaignBatchStatus
{
    /// <summary>Every recipient of the batch has a result: delete the message.</summary>
    Done = 0,

    /// <summary>
    /// Some recipients must be tried again (throttling, an outage, a claim still in flight):
    /// hand the message back to the queue; recipients with a result are skipped next time.
    /// </summary>
    Retry = 1,

    /// <summary>The campaign is paused: the batch is parked for its resume; delete the message.</summary>
    Parked = 2,

    /// <summary>The campaign is gone, cancelled or finished: nothing sent; delete the message.</summary>
    Skipped = 3,
}
