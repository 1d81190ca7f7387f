namespace CrmMail.Campaigns;

/// <summary>The page (when <see cref="Status"/> is <see cref="CampaignRecipientsStatus.Page"/>).</summary>
public sealed record CampaignRecipientsOutcome(CampaignRecipientsStatus Status, RecipientPage? Page = null);
