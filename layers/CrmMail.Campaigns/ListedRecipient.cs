namespace CrmMail.Campaigns;

/// <summary>One row of an uploaded recipient list: its line number, its address (normalized) and its own report ids.</summary>
public sealed record ListedRecipient(int Line, string Email, IReadOnlyList<string> CustomIds);
