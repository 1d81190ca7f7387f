namespace CrmMail.Campaigns;

/// <summary>The campaign, or null when there is none the caller may see.</summary>
public sealed record CampaignStatusOutcome(Campaign? Campaign);
