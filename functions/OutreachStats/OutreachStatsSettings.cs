using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Settings;

namespace CrmMail.Functions.OutreachStats;

/// <summary>The outreach stats routes' configuration (<see cref="Catalogue.OutreachStats"/>), validated at init.</summary>
internal sealed record OutreachStatsSettings
{
    /// <summary>Region, endpoint, metrics namespace and the address-hash key (recipientEmail is looked up by its keyed hash).</summary>
    public required SubscriptionSettings Subscriptions { get; init; }

    public required string FirebaseProjectId { get; init; }

    public required Uri FirebaseCertificatesUrl { get; init; }

    public required IReadOnlyList<string> CorsAllowedOrigins { get; init; }

    public required string RateLimitTable { get; init; }

    /// <summary>Requests a minute per Firebase user across both stats routes.</summary>
    public required int RateLimitPerMinute { get; init; }

    public ClaimRequirement? RequiredClaim { get; init; }

    public required string EventsTable { get; init; }

    public required string CampaignStatsTable { get; init; }

    /// <summary>Reads <see cref="Catalogue.OutreachStats"/>; a problem names its variable.</summary>
    public static OutreachStatsSettings Load(IEnvironmentVariables environment)
    {
        var reader = new SettingsReader(environment, Catalogue.OutreachStats);
        return new OutreachStatsSettings
        {
            Subscriptions = SubscriptionSettings.Load(reader),
            FirebaseProjectId = reader.Text(Catalogue.FirebaseProjectId),
            FirebaseCertificatesUrl = reader.Url(Catalogue.FirebaseCertsUrl),
            CorsAllowedOrigins = reader.Text(Catalogue.CorsAllowedOrigins).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            RateLimitTable = reader.Text(Catalogue.RateLimitTable),
            RateLimitPerMinute = reader.Int(Catalogue.OutreachStatsRateLimit),
            RequiredClaim = ClaimRequirement.Parse(reader.Text(Catalogue.OutreachRequiredClaim)),
            EventsTable = reader.Text(Catalogue.EventsTable),
            CampaignStatsTable = reader.Text(Catalogue.CampaignStatsTable),
        };
    }
}
