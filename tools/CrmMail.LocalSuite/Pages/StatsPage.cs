using System.Globalization;
using CrmMail.Inbound.Stats;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// The stats page: each campaign's counts over time as an inline SVG chart beside its numbers,
/// read through the same flow and counters GET /outreach/campaign-stats uses (the local tool
/// reads without a Firebase token; the API route keeps its authentication). No script.
/// </summary>
internal sealed class StatsPage(SuiteComposition suite, TimeProvider timeProvider)
{
    public async Task PageAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? Value(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
        var outcome = await new CampaignStatsFlow(suite.StatsReader, timeProvider).RunAsync(
            new CampaignStatsRequest(Value("campaignId"), Value("startDate"), Value("endDate"), [], Value("limit"), Value("offset")),
            context.RequestAborted).ConfigureAwait(false);
        var body = new Html()
            .Raw("<div class=\"card\"><form method=\"get\" action=\"/stats\">")
            .Raw("<label>from <input name=\"startDate\" placeholder=\"yyyy-MM-dd\" value=\"").Text(Value("startDate")).Raw("\"></label> ")
            .Raw("<label>to <input name=\"endDate\" placeholder=\"yyyy-MM-dd\" value=\"").Text(Value("endDate")).Raw("\"></label> ")
            .Raw("<label>campaign <input name=\"campaignId\" value=\"").Text(Value("campaignId")).Raw("\"></label> ")
            .Raw("<button>Show</button></form>")
            .Raw("<p>The per-campaign, per-day counters SesEvents and the Mailgun webhook raise (what GET /outreach/campaign-stats answers). Opened and clicked count each recipient once.</p></div>");
        if (outcome.Status == CampaignStatsStatus.Invalid)
        {
            body.Raw("<div class=\"card error\"><ul>");
            foreach (var problem in outcome.Problems)
            {
                body.Element("li", problem.Field + " " + problem.Message);
            }

            body.Raw("</ul></div>");
        }
        else
        {
            var t = outcome.Totals;
            body.Element("h2", string.Create(CultureInfo.InvariantCulture, $"{outcome.From:yyyy-MM-dd} to {outcome.To:yyyy-MM-dd}: {outcome.CampaignCount} campaign(s)"))
                .Element("p", string.Create(CultureInfo.InvariantCulture, $"sent {t.Sent} · delivered {t.Delivered} ({t.DeliveryRate}%) · opened {t.Opened} ({t.OpenRate}%) · clicked {t.Clicked} ({t.ClickRate}%) · bounced {t.Bounced} · complained {t.Complained} · unsubscribed {t.Unsubscribed}"))
                .Raw("<p>").Raw(StatsChart.Legend()).Raw("</p>");
            if (outcome.Campaigns.Count == 0)
            {
                body.Element("p", "No counts in this range: send a message from the home page, then use an outbox message's delivery, open or click buttons.");
            }

            foreach (var campaign in outcome.Campaigns)
            {
                body.Raw("<section class=\"campaign card\">").Element("h3", campaign.Name).Raw("<div class=\"side\">")
                    .Raw(StatsChart.Svg(campaign.Name, campaign.Days, outcome.From, outcome.To))
                    .Raw("<table>").HeaderRow(["day", .. StatsChart.Series.Select(s => s.Counter)]);
                foreach (var day in campaign.Days)
                {
                    body.Row([day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. StatsChart.Series.Select(s => day[s.Counter].ToString(CultureInfo.InvariantCulture))]);
                }

                body.Row(["total", .. StatsChart.Series.Select(s => Total(campaign.Totals, s.Counter).ToString(CultureInfo.InvariantCulture))])
                    .Raw("</table></div></section>");
            }
        }

        body.Raw("<style>.side{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.legend{margin-right:.8rem}.legend span{display:inline-block;width:10px;height:10px;margin-right:.3rem}</style>");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers["Cache-Control"] = "no-store";
        await context.Response.WriteAsync(Html.Page("Stats", body)).ConfigureAwait(false);
    }

    private static long Total(CampaignTotals totals, string counter) => counter switch
    {
        CrmMail.Inbound.Events.CampaignCounters.Sent => totals.Sent,
        CrmMail.Inbound.Events.CampaignCounters.Delivered => totals.Delivered,
        CrmMail.Inbound.Events.CampaignCounters.Opened => totals.Opened,
        CrmMail.Inbound.Events.CampaignCounters.Clicked => totals.Clicked,
        CrmMail.Inbound.Events.CampaignCounters.Bounced => totals.Bounced,
        CrmMail.Inbound.Events.CampaignCounters.Complained => totals.Complained,
        _ => 0,
    };
}
