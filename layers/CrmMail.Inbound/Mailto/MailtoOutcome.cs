namespace CrmMail.Inbound.Mailto;

/// <summary>What a mailto unsubscribe did: applied (to whom, which topics, why) or ignored (why).</summary>
public sealed record MailtoOutcome(bool Applied, string Reason, IReadOnlyList<string> Topics, bool Changed, string? Email = null);
