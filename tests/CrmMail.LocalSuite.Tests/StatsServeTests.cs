using System.Net;
using System.Text.RegularExpressions;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;
using CrmMail.LocalSuite.Pages;

namespace CrmMail.LocalSuite.Tests;

/// <summary>serve's stats: the page's inline SVG charts beside the numbers, and the read routes served by OutreachStats.</summary>
public sealed partial class StatsServeTests : IAsyncLifetime
{
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    [GeneratedRegex("<polyline [^>]*data-counter=\"(?<counter>[a-z]+)\" points=\"(?<points>[^\"]*)\"")]
    private static partial Regex Polyline();

    // Rule: the stats page draws each campaign's counters as an inline SVG (no script) beside its per-day numbers, from the counters SesEvents raised.
    [Fact]
    public async Task StatsPage_AfterASendAndAnOpen_ChartsTheCampaignBesideItsNumbers()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        using (var open = await _suite.Http.PostAsync($"outbox/{id}/ses-event/open", null))
        {
            Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        }

        var page = await _suite.PageAsync("stats");

        Assert.Contains("<h3>monthly</h3>", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        var lines = Polyline().Matches(page).ToDictionary(m => m.Groups["counter"].Value, m => m.Groups["points"].Value);
        Assert.Equal(StatsChart.Series.Select(s => s.Counter), lines.Keys);
        // 30 days drawn; today's delivered point is at the top (the largest count), as is opened.
        Assert.Equal(30, lines[CampaignCounters.Delivered].Split(' ').Length);
        Assert.EndsWith(",10", lines[CampaignCounters.Delivered], StringComparison.Ordinal);
        Assert.EndsWith(",10", lines[CampaignCounters.Opened], StringComparison.Ordinal);
        var today = CampaignCounters.Day(_suite.Time.GetUtcNow());
        Assert.Contains($"<tr><td>{today}</td><td>0</td><td>1</td><td>1</td>", page, StringComparison.Ordinal);
    }

    // Rule: a day without a row is drawn at zero and the y axis scales to the largest count.
    [Fact]
    public void Svg_GapDay_DrawnAtZeroAndScaledToTheMaximum()
    {
        var from = new DateOnly(2026, 11, 1);
        var rows = new List<CampaignDayCounts>
        {
            new("c", from, new Dictionary<string, long> { [CampaignCounters.Sent] = 4 }),
            new("c", from.AddDays(2), new Dictionary<string, long> { [CampaignCounters.Sent] = 2 }),
        };

        var svg = StatsChart.Svg("c", rows, from, from.AddDays(2));

        var sent = Polyline().Matches(svg).Single(m => m.Groups["counter"].Value == CampaignCounters.Sent).Groups["points"].Value.Split(' ');
        Assert.Equal(["10", "156", "83"], sent.Select(p => p.Split(',')[1]));
        Assert.Contains(">4</text>", svg, StringComparison.Ordinal);
    }

    // Rule: serve routes GET /outreach/campaign-stats to OutreachStats, which answers without a token with the CRM's 401.
    [Fact]
    public async Task CampaignStatsRoute_WithoutToken_Is401FromOutreachStats()
    {
        using var response = await _suite.Http.GetAsync("local/outreach/campaign-stats");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"code\":\"missing_token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
