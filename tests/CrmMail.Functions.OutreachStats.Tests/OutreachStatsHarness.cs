using CrmMail.Identity;
using CrmMail.Kernel;
using CrmMail.Subscriptions;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.OutreachStats.Tests;

/// <summary>The stats handler composed as in Lambda (OutreachStatsComposition.Build) over in-memory readers and a local Firebase issuer.</summary>
internal sealed class OutreachStatsHarness : IDisposable
{
    private readonly HttpClient _http = new();

    public OutreachStatsHarness(int rateLimit = 50, string? requiredClaim = null, params string[] origins)
    {
        var settings = new OutreachStatsSettings
        {
            Subscriptions = Subscriptions.Settings,
            FirebaseProjectId = FirebaseTestIssuer.ProjectId,
            FirebaseCertificatesUrl = Issuer.Url,
            CorsAllowedOrigins = origins,
            RateLimitTable = "rate-limits",
            RateLimitPerMinute = rateLimit,
            RequiredClaim = ClaimRequirement.Parse(requiredClaim),
            EventsTable = "events",
            CampaignStatsTable = "campaign-stats",
        };
        Handler = OutreachStatsComposition.Build(settings, new OutreachStatsPorts
        {
            FirebaseCertificates = new HttpFirebaseCertificateSource(_http, Issuer.Url, Subscriptions.Time),
            Stats = Readers,
            Events = Readers,
            RateLimits = RateLimits,
            MetricsOutput = Metrics,
            Time = Subscriptions.Time,
        });
        Hasher = new PiiHasher(Subscriptions.Settings.PiiHashKey);
    }

    public SubscriptionHarness Subscriptions { get; } = new();

    public FirebaseTestIssuer Issuer { get; } = new();

    public InMemoryStatsReaders Readers { get; } = new();

    public InMemoryRateLimitCounter RateLimits { get; } = new();

    public StringWriter Metrics { get; } = new();

    public PiiHasher Hasher { get; }

    public OutreachStatsHandler Handler { get; }

    public string Token(Action<Dictionary<string, object?>>? claims = null) => Issuer.Mint(claims, now: Subscriptions.Time.GetUtcNow());

    public void Dispose()
    {
        Issuer.Dispose();
        _http.Dispose();
        Metrics.Dispose();
    }
}
