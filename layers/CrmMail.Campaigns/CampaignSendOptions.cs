namespace CrmMail.Campaigns;

/// <summary>
/// How a sender works through one batch: <see cref="Concurrency"/> recipients at a time, and
/// <see cref="ClaimTimeout"/>, the age after which a claim without a result belongs to an
/// invocation that has certainly ended (the sender's function timeout).
/// </summary>
public sealed record CampaignSendOptions(int Concurrency, TimeSpan ClaimTimeout);
