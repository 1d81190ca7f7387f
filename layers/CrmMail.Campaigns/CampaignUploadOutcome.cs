namespace CrmMail.Campaigns;

/// <summary>The key to pass as <c>recipientsS3Key</c>, the URL to PUT the list to, and when that URL stops working.</summary>
public sealed record CampaignUploadOutcome(string Key, Uri Url, DateTimeOffset ExpiresAt);
