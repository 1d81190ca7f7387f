namespace CrmMail.Campaigns;

/// <summary>The planner's event: plan this campaign (sent by the API after it stored the campaign).</summary>
public sealed record PlanRequest(string CampaignId);
