using CrmMail.Functions.SendMail;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Signing.CloudFront;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>The send-mail handler over in-memory adapters.</summary>
internal sealed class SendMailHarness
{
    public static readonly Uri BaseUrl = new("https://api.example.com/prod");

    public SendMailHarness(IMailTransport? transport = null, bool suiteOwnsHeaders = true, IIdempotencyStore? idempotency = null, int maxRecipients = 50, IReportLocator? locator = null, int maxReports = SendMailValidator.DefaultMaxReports, ICloudFrontSignerSource? signer = null)
    {
        Transport = transport ?? Recording;
        Idempotency = idempotency ?? new InMemoryIdempotencyStore();
        var key = CloudFrontSigningKey.FromPem("KTESTPAIR1", File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem")));
        Signer = new FixedSignerSource(new CloudFrontUrlSigner(key, Subscriptions.Time));
        var services = Subscriptions.Services;
        var reports = new ReportLinkService(locator ?? Reports, signer ?? Signer, ReportKeyTemplate.Parse(ReportKeyTemplate.Default), new Uri("https://d111111abcdef8.cloudfront.net"), TimeSpan.FromDays(25), Subscriptions.Time);
        var composer = new MessageComposer(new ListUnsubscribe(BaseUrl, "unsubscribe@mail.example.com"), services.Hasher, suiteOwnsHeaders);
        var service = new SendMailFlow(reports, services.Subscriptions, services.Audit, services.Tokens, composer, Transport, services.Hasher, Subscriptions.Time, 4);
        Handler = new SendMailHandler(service, new SendMailValidator(maxRecipients, 1024 * 1024, maxReports), Idempotency, 1024 * 1024, Subscriptions.Time, new EmfMetrics(Metrics, Subscriptions.Time, "CrmMail"));
    }

    public SubscriptionHarness Subscriptions { get; } = new();

    /// <summary>The handler's EMF lines.</summary>
    public StringWriter Metrics { get; } = new();

    public InMemoryReportLocator Reports { get; } = new();

    public FixedSignerSource Signer { get; }

    public RecordingTransport Recording { get; } = new();

    public IMailTransport Transport { get; }

    public IIdempotencyStore Idempotency { get; }

    public SendMailHandler Handler { get; }

    public Task<APIGatewayProxyResponse> PostAsync(string body, IDictionary<string, string>? headers = null)
        => Handler.HandleAsync(ApiEvents.Build("POST", "/send-mail", body: body, headers: headers ?? new Dictionary<string, string> { ["Content-Type"] = "application/json" }), new TestLambdaContext());
}
