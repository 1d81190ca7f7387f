namespace CrmMail.Campaigns;

/// <summary>The new campaign's id (queued), or the report ids that are missing.</summary>
public sealed record CreateCampaignOutcome(CreateCampaignStatus Status, string? CampaignId, IReadOnlyList<string> MissingReports);
