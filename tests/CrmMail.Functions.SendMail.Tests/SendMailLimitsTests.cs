using System.Text.Json;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Validation;
using CrmMail.Signing.CloudFront;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>Count limits: recipients after de-duplication, report ids, and HeadObject concurrency.</summary>
public class SendMailLimitsTests
{
    private static JsonElement Json(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    private static string Body(IEnumerable<string> to, IEnumerable<string>? customIds = null)
    {
        var body = new Dictionary<string, object>
        {
            ["to"] = to.ToList(), ["subject"] = "S", ["html"] = "<p>x</p>", ["text"] = "x", ["from"] = "news@example.com",
            ["campaign"] = new Dictionary<string, string> { ["name"] = "n", ["type"] = "financial", ["month"] = "08", ["year"] = "2025" },
        };
        if (customIds is not null)
        {
            body["attachReporting"] = true;
            body["customIds"] = customIds.ToList();
        }

        return JsonSerializer.Serialize(body);
    }

    // The recipient limit counts distinct recipients: 60 entries that de-duplicate (ignoring
    // case) to 50 pass with a limit of 50, and each recipient gets one message.
    [Fact]
    public async Task Post_SixtyEntriesThatDeduplicateToFifty_PassWithLimitFifty()
    {
        var sut = new SendMailHarness(maxRecipients: 50);
        var distinct = Enumerable.Range(0, 50).Select(i => $"payee{i}@example.com").ToList();
        var entries = distinct.Concat(distinct.Take(10).Select(a => a.ToUpperInvariant())).ToList();

        var response = await sut.PostAsync(Body(entries));

        Assert.Equal(60, entries.Count);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(50, sut.Recording.Sent.Count);
    }

    // 51 distinct recipients with a limit of 50 are 413 too_many_recipients.
    [Fact]
    public async Task Post_FiftyOneDistinctRecipients_Is413()
    {
        var sut = new SendMailHarness(maxRecipients: 50);

        var response = await sut.PostAsync(Body(Enumerable.Range(0, 51).Select(i => $"payee{i}@example.com")));

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("too_many_recipients", Json(response).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(sut.Recording.Sent);
    }

    // More distinct report ids than SEND_MAIL_MAX_REPORTS (default 20) is 413 too_many_reports,
    // before a single HeadObject.
    [Fact]
    public async Task Post_MoreReportIdsThanTheLimit_Is413BeforeAnyLookup()
    {
        var sut = new SendMailHarness();

        var response = await sut.PostAsync(Body(["a@example.com"], Enumerable.Range(0, SendMailValidator.DefaultMaxReports + 1).Select(i => $"DN-{i}")));

        Assert.Equal(413, response.StatusCode);
        var error = Json(response).GetProperty("error");
        Assert.Equal("too_many_reports", error.GetProperty("code").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "customIds");
        Assert.Equal(0, sut.Reports.Lookups);
        Assert.Empty(sut.Recording.Sent);
    }

    // Report ids are counted after de-duplication too: 25 entries naming 20 reports pass.
    [Fact]
    public async Task Post_ReportIdsThatDeduplicateToTheLimit_Pass()
    {
        var sut = new SendMailHarness();
        var ids = Enumerable.Range(0, 20).Select(i => $"DN-{i}").ToList();
        foreach (var id in ids)
        {
            sut.Reports.Objects[$"2025/08/{id}.pdf"] = 10;
        }

        var response = await sut.PostAsync(Body(["a@example.com"], ids.Concat(ids.Take(5))));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(20, sut.Reports.Lookups);
    }

    // A lower SEND_MAIL_MAX_REPORTS is honoured.
    [Fact]
    public async Task Post_ConfiguredReportLimit_IsHonoured()
    {
        var sut = new SendMailHarness(maxReports: 2);

        var response = await sut.PostAsync(Body(["a@example.com"], ["DN-1", "DN-2", "DN-3"]));

        Assert.Equal(413, response.StatusCode);
    }

    // HeadObject checks run with bounded concurrency: twenty reports never have more than eight
    // lookups in flight (and do reach eight, so the checks still overlap).
    [Fact]
    public async Task BuildAsync_TwentyReports_AtMostEightLookupsInFlight()
    {
        var locator = new PeakConcurrencyLocator(ReportLinkService.DefaultMaxConcurrentChecks);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var key = CloudFrontSigningKey.FromPem("KTESTPAIR1", File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem")));
        var sut = new ReportLinkService(locator, new FixedSignerSource(new CloudFrontUrlSigner(key, time)), ReportKeyTemplate.Parse(ReportKeyTemplate.Default), new Uri("https://d111111abcdef8.cloudfront.net"), TimeSpan.FromDays(25), time);
        var ids = Enumerable.Range(0, 20).Select(i => $"DN-{i}").ToList();

        var build = sut.BuildAsync(new ReportSelection("2025", "08", ids), default);
        await locator.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        locator.Open();
        var (links, missing) = await build;

        Assert.Equal(ReportLinkService.DefaultMaxConcurrentChecks, locator.Peak);
        Assert.Equal(20, links.Count);
        Assert.Empty(missing);
    }
}
