using CrmMail.Signing.Tokens;

namespace CrmMail.Subscriptions;

/// <summary>The result of <see cref="UnsubscribeFlow"/>.</summary>
public sealed record UnsubscribeOutcome(UnsubscribeStatus Status, TokenRejection? Rejection = null, string? Email = null, string? Topic = null, string? ResubscribeToken = null, bool Changed = false);
