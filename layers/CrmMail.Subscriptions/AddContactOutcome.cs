namespace CrmMail.Subscriptions;

/// <summary>The result of <see cref="AddContactFlow"/>: a status, a machine reason and a human message.</summary>
public sealed record AddContactOutcome(AddContactStatus Status, string Reason, string Message, IReadOnlyList<string>? Topics = null, bool Changed = false);
