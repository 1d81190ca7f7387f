namespace CrmMail.Campaigns;

/// <summary>The planner's result: its status and how many batches it queued.</summary>
public sealed record CampaignPlanOutcome(CampaignPlanStatus Status, int Batches = 0);
