using CrmMail.Hosting.Metrics;
using CrmMail.Identity;
using CrmMail.Inbound.Stats;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Subscriptions;

namespace CrmMail.Functions.OutreachStats;

/// <summary>Builds the handler from validated settings over any adapters: Program.cs hands in the AWS ones, <c>crm-mail serve</c> local ones.</summary>
internal static class OutreachStatsComposition
{
    /// <summary>The rate-limit window: the CRM's limits are per minute.</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(1);

    public static OutreachStatsHandler Build(OutreachStatsSettings settings, OutreachStatsPorts ports)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        var firebase = new FirebaseTokenVerifier(ports.FirebaseCertificates, settings.FirebaseProjectId, ports.Time);
        // One allowance for both routes: the CRM documents one analytics limit (50 a minute), and
        // its dashboard calls the two together.
        var policy = new RateLimitPolicy("outreach-stats", settings.RateLimitPerMinute, RateLimitWindow);
        return new OutreachStatsHandler(
            new CampaignStatsFlow(ports.Stats, ports.Time),
            new TrackingDataFlow(ports.Events, new PiiHasher(settings.Subscriptions.PiiHashKey), ports.Time),
            firebase,
            settings.RequiredClaim,
            new FixedWindowRateLimiter(ports.RateLimits, ports.Time),
            policy,
            settings.CorsAllowedOrigins,
            ports.Time,
            new EmfMetrics(ports.MetricsOutput, ports.Time, settings.Subscriptions.MetricsNamespace));
    }
}
