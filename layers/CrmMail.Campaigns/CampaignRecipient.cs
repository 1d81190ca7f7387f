namespace CrmMail.Campaigns;

/// <summary>
/// One recipient of a campaign: its position in the campaign's de-duplicated list (the key of
/// its row, so no address is ever a key) and its normalized address.
/// </summary>
public sealed record CampaignRecipient(int Index, string Email);
