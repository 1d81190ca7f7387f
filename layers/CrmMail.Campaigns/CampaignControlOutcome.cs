namespace CrmMail.Campaigns;

/// <summary>The result, the campaign's state after it (the current one on a conflict) and how many parked batches a resume put back.</summary>
public sealed record CampaignControlOutcome(CampaignControlStatus Status, CampaignState? State = null, int Requeued = 0);
