using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CrmMail.Functions.SendMail;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Validation;
using CrmMail.Signing.CloudFront;
using CrmMail.TestSupport;

namespace CrmMail.Benchmarks;

/// <summary>
/// The send-mail handler in-process: one request of 1,000 recipients with 3 report links,
/// through in-memory adapters (contact list, audit, key registry, local key wrapper, report
/// locator, recording transport). Divide by 1,000 for the cost per recipient.
/// </summary>
[MemoryDiagnoser]
public class SendMailBenchmarks
{
    private SendMailHandler _handler = null!;
    private APIGatewayProxyRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = Environment.GetEnvironmentVariable("CRM_MAIL_FIXTURES")
            ?? throw new InvalidOperationException("Set CRM_MAIL_FIXTURES to ../shared/fixtures (tools/bench/send-mail.sh does).");
        var harness = new SubscriptionHarness();
        var locator = new InMemoryReportLocator();
        foreach (var id in new[] { "DN-1", "DN-2", "DN-3" })
        {
            locator.Objects[$"2025/08/{id}.pdf"] = 1_000_000;
        }

        var key = CloudFrontSigningKey.FromPem("KBENCH", File.ReadAllText(Path.Combine(fixtures, "cloudfront", "test-private-key.pem")));
        var reports = new ReportLinkService(locator, new FixedSignerSource(new CloudFrontUrlSigner(key, harness.Time)), ReportKeyTemplate.Parse(ReportKeyTemplate.Default), new Uri("https://d111111abcdef8.cloudfront.net"), TimeSpan.FromDays(25), harness.Time);
        var services = harness.Services;
        var composer = new MessageComposer(new ListUnsubscribe(new Uri("https://api.example.com/prod"), "unsubscribe@mail.example.com"), services.Hasher, true);
        var transport = new DiscardingTransport();
        // One recipient at a time: with in-memory adapters nothing waits, so wall time is CPU time.
        var service = new SendMailFlow(reports, services.Subscriptions, services.Audit, services.Tokens, composer, transport, services.Hasher, harness.Time, 1);
        _handler = new SendMailHandler(service, new SendMailValidator(1000, 1024 * 1024), new InMemoryIdempotencyStore(), 1024 * 1024, harness.Time, new EmfMetrics(TextWriter.Null, harness.Time, "CrmMail"));
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["to"] = Enumerable.Range(0, 1000).Select(i => $"payee{i}@example.com").ToArray(),
            ["subject"] = "Your August 2025 statement",
            ["html"] = "<p>" + new string('x', 4000) + "</p>",
            ["text"] = new string('x', 2000),
            ["from"] = "Reports <reports@example.com>",
            ["campaign"] = new Dictionary<string, string> { ["name"] = "Statements 2025-08", ["type"] = "financial", ["month"] = "08", ["year"] = "2025" },
            ["attachReporting"] = true,
            ["customIds"] = new[] { "DN-1", "DN-2", "DN-3" },
        });
        _request = ApiEvents.Build("POST", "/send-mail", body: body, headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" });
    }

    [Benchmark(Description = "send-mail, 1,000 recipients, 3 report links")]
    public async Task<int> SendThousand()
    {
        var response = await _handler.HandleAsync(_request, new TestLambdaContext());
        return response.StatusCode == 200 ? response.Body!.Length : throw new InvalidOperationException(response.Body);
    }

    private sealed class DiscardingTransport : Mail.Transport.IMailTransport
    {
        public Task<Mail.Transport.SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
            => Task.FromResult(Mail.Transport.SendOutcome.Accepted("m"));
    }
}
