using CrmMail.Aws.Composition;
using CrmMail.Identity;
using CrmMail.Kernel;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.OutreachSend.Tests;

/// <summary>The outreach handler composed as in Lambda (OutreachSendComposition.Build) over in-memory ports and a local Firebase issuer.</summary>
internal sealed class OutreachSendHarness : IDisposable
{
    private readonly HttpClient _http = new();

    public OutreachSendHarness(int rateLimit = 25, string? requiredClaim = null, string? defaultFrom = "Outreach <outreach@example.com>", params string[] origins)
    {
        var settings = new OutreachSendSettings
        {
            Subscriptions = Subscriptions.Settings,
            SuiteOwnsListUnsubscribe = true,
            UnsubscribeBaseUrl = new Uri("https://api.example.com/prod"),
            UnsubscribeMailbox = "unsubscribe@mail.example.com",
            MaxBodyBytes = 64 * 1024,
            Concurrency = 4,
            FirebaseProjectId = FirebaseTestIssuer.ProjectId,
            FirebaseCertificatesUrl = Issuer.Url,
            CorsAllowedOrigins = origins,
            RateLimitTable = "rate-limits",
            RateLimitPerMinute = rateLimit,
            RequiredClaim = ClaimRequirement.Parse(requiredClaim),
            DefaultFrom = defaultFrom,
            MaxRecipients = 5,
        };
        Handler = OutreachSendComposition.Build(settings, new OutreachSendPorts
        {
            Services = Subscriptions.Services,
            FirebaseCertificates = new HttpFirebaseCertificateSource(_http, Issuer.Url, Subscriptions.Time),
            Transport = Transport,
            Templates = Templates,
            RateLimits = RateLimits,
            Time = Subscriptions.Time,
        });
    }

    public SubscriptionHarness Subscriptions { get; } = new();

    public FirebaseTestIssuer Issuer { get; } = new();

    public RecordingTransport Transport { get; } = new();

    public InMemoryTemplateStore Templates { get; } = new();

    public InMemoryRateLimitCounter RateLimits { get; } = new();

    public OutreachSendHandler Handler { get; }

    public string Token(Action<Dictionary<string, object?>>? claims = null) => Issuer.Mint(claims, now: Subscriptions.Time.GetUtcNow());

    public void Dispose()
    {
        Issuer.Dispose();
        _http.Dispose();
    }
}
