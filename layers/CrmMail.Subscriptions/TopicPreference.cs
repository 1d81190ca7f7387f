namespace CrmMail.Subscriptions;

/// <summary>One topic's status for a contact (SES TopicPreference / TopicDefaultPreference).</summary>
public sealed record TopicPreference(string Topic, SubscriptionStatus Status);
