namespace CrmMail.Subscriptions;

/// <summary>The result of a subscription change: whether anything changed, and the contact as written.</summary>
public sealed record SubscriptionChange(bool Changed, bool Created, Contact Contact);
