using CrmMail.Aws.Composition;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.SesEvents;

/// <summary>The SES events function's configuration (<see cref="Catalogue.SesEvents"/>).</summary>
internal sealed record SesEventsSettings(SubscriptionSettings Subscriptions, string EventsTable, string StatsTable)
{
    /// <summary>Reads <see cref="Catalogue.SesEvents"/>; a problem names its variable.</summary>
    public static SesEventsSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.SesEvents);
        return new SesEventsSettings(SubscriptionSettings.Load(reader), reader.Text(Catalogue.EventsTable), reader.Text(Catalogue.CampaignStatsTable));
    }
}
