namespace CrmMail.Cli.Contacts;

/// <summary>An explicit topic preference: SES's TopicName and SubscriptionStatus.</summary>
internal sealed record ContactExportTopic(string TopicName, string SubscriptionStatus);
