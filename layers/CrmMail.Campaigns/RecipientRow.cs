namespace CrmMail.Campaigns;

/// <summary>
/// One recorded recipient: its index in the campaign's list, the normalized address stored
/// with the result, the provider's message id (sent), the short error code (failed) and when
/// the result was recorded.
/// </summary>
public sealed record RecipientRow(int Index, string Email, RecipientStatus Status, string? MessageId, string? ErrorCode, DateTimeOffset? RecordedAt);
