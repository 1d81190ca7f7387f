namespace CrmMail.Campaigns;

/// <summary>What the owner asks of a running campaign.</summary>
public enum CampaignAction
{
    /// <summary>sending → paused: senders park the batches they receive.</summary>
    Pause = 0,

    /// <summary>paused → sending, and the parked batches go back on the queue.</summary>
    Resume = 1,

    /// <summary>queued, sending or paused → cancelled: nobody not yet sent is sent.</summary>
    Cancel = 2,
}
