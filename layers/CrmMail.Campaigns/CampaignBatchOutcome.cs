namespace CrmMail.Campaigns;

/// <summary>
/// One batch's result: its status, how many recipients this delivery moved to each result,
/// and the sends whose result could not be recorded (the recipient index and the provider's
/// message id, no address) for the handler to log for reconciliation.
/// </summary>
public sealed record CampaignBatchOutcome(
    CampaignBatchStatus Status,
    int Sent = 0,
    int Suppressed = 0,
    int Failed = 0,
    int Retried = 0,
    IReadOnlyList<UnrecordedSend>? Unrecorded = null);
