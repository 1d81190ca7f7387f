namespace CrmMail.Campaigns;

/// <summary>One recipient's result as recorded: sent with the provider's message id, suppressed, or failed with a short code.</summary>
public sealed record RecipientRecord(RecipientStatus Status, string? MessageId = null, string? ErrorCode = null);
