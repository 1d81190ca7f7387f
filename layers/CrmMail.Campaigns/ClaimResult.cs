namespace CrmMail.Campaigns;

/// <summary>What a conditional claim on (campaign, recipient) found.</summary>
public enum ClaimResult
{
    /// <summary>The row did not exist; this delivery now owns the recipient and may send.</summary>
    Claimed = 0,

    /// <summary>The recipient already has a result: nothing to do.</summary>
    Done = 1,

    /// <summary>
    /// Claimed by another delivery recently enough that it may still be sending (a visibility
    /// timeout that ran out under a slow invocation): leave it and come back later.
    /// </summary>
    InFlight = 2,

    /// <summary>
    /// Claimed by a delivery that ended without recording a result (a crash between the claim
    /// and the record): the provider may or may not have the message, so it is never sent again.
    /// </summary>
    Orphaned = 3,
}
