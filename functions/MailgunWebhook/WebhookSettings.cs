using CrmMail.Aws.Composition;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>The Mailgun webhook's configuration (<see cref="Catalogue.MailgunWebhook"/>).</summary>
internal sealed record WebhookSettings(SubscriptionSettings Subscriptions, string SigningKeySecret, TimeSpan MaxAge, string EventsTable, string ReplayTable, string StatsTable)
{
    /// <summary>Reads <see cref="Catalogue.MailgunWebhook"/>; a problem names its variable.</summary>
    public static WebhookSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.MailgunWebhook);
        var subscriptions = SubscriptionSettings.Load(reader);
        return new WebhookSettings(
            subscriptions,
            reader.Text(Catalogue.MailgunWebhookSigningKeySecret),
            TimeSpan.FromSeconds(reader.Int(Catalogue.MailgunWebhookMaxAgeSeconds)),
            reader.Text(Catalogue.EventsTable),
            reader.Text(Catalogue.IdempotencyTable),
            reader.Text(Catalogue.CampaignStatsTable));
    }
}
