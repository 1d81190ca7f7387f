namespace CrmMail.Campaigns;

/// <summary>One queue message: a fixed slice of a campaign's recipients, numbered from 0.</summary>
public sealed record CampaignBatch(string CampaignId, int Number, IReadOnlyList<CampaignRecipient> Recipients);
