namespace CrmMail.Campaigns;

/// <summary>One line of a stored recipient list (JSON lines): <c>{"email":"…"}</c>.</summary>
public sealed record RecipientLine(string Email);
