using System.Globalization;
using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.LocalSuite.Campaigns;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// The campaign pages: the campaigns launched through this serve with their state, counts and
/// progress; a form that starts a demo campaign from a recipient list through the campaign API
/// (POST /campaigns behind the gateway stand-in, with the data folder's API key, so the form
/// gets the API's validation and answers); and one campaign's page, whose counts and progress bar follow a
/// small JSON status endpoint once a second (an inline script, no external one). Addresses
/// never appear in a URL or on these pages.
/// </summary>
internal sealed class CampaignPages(LocalCampaignEngine engine, HttpClient http, Uri apiUrl, string apiKey)
{
    private const int FormLimitBytes = 2 * 1024 * 1024;

    public async Task ListAsync(HttpContext context)
    {
        var campaigns = await engine.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var body = new Html();
        if (campaigns.Count == 0)
        {
            body.Element("p", "No campaigns yet: start one below.");
        }
        else
        {
            body.Raw("<table id=\"campaigns\">").HeaderRow("Campaign", "State", "Progress", "Sent", "Suppressed", "Failed", "Pending", "Created");
            foreach (var campaign in campaigns)
            {
                var counts = campaign.Counts;
                body.Raw("<tr><td>").Link("/campaigns/" + campaign.Id, campaign.Id, "class=\"campaign\"")
                    .Raw("</td><td>").Text(campaign.State.Name())
                    .Raw("</td><td>").Raw(Bar(Progress(counts), null))
                    .Raw("</td><td>").Text(Number(counts.Sent))
                    .Raw("</td><td>").Text(Number(counts.Suppressed))
                    .Raw("</td><td>").Text(Number(counts.Failed))
                    .Raw("</td><td>").Text(Number(counts.Pending))
                    .Raw("</td><td>").Text(PageFormat.Instant(campaign.CreatedAt))
                    .Raw("</td></tr>");
            }

            body.Raw("</table>");
        }

        body.Element("h2", "Start a demo campaign")
            .Raw("<form class=\"card\" id=\"demo\" method=\"post\" action=\"/campaigns/demo\">")
            .Raw("<p><label>Recipients (one address a line, or CSV with the address first)<br><textarea name=\"recipients\" rows=\"8\" cols=\"60\" required>payee1@example.com\npayee2@example.com\npayee3@example.com</textarea></label></p>")
            .Raw("<p><label>From <input name=\"from\" value=\"reports@example.com\" size=\"40\" required></label></p>")
            .Raw("<p><label>Subject <input name=\"subject\" value=\"Your monthly statement\" size=\"40\" required></label></p>")
            .Raw("<p><label>Text<br><textarea name=\"text\" rows=\"4\" cols=\"60\" required>Hello, your statement is ready.</textarea></label></p>")
            .Raw("<p><label><input type=\"checkbox\" name=\"newsletter\" value=\"on\"> Newsletter (topic outreach; default financial)</label></p>")
            .Raw("<p><button type=\"submit\">Start campaign</button></p></form>")
            .Raw("<p>The planner cuts the list into queue messages; the senders work through them at the paced rate (SES_MAX_SEND_RATE), and each message lands in the ")
            .Link("/outbox", "outbox")
            .Raw(".</p>");
        await WriteAsync(context, Html.Page("Campaigns", body)).ConfigureAwait(false);
    }

    public async Task StartDemoAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength is > FormLimitBytes)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WriteAsync(context, Html.Page("Campaign not started", new Html().Element("p", "Send the form (at most 2 MB)."))).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var demo = new DemoCampaign(form["recipients"].ToString(), form["from"].ToString(), form["subject"].ToString(), form["text"].ToString(), form["newsletter"].ToString() == "on");
        var (addresses, problems) = demo.ReadList();
        string? id = null;
        if (problems.Count == 0)
        {
            (id, problems) = await PostAsync(demo, addresses, context.RequestAborted).ConfigureAwait(false);
        }

        if (id is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var body = new Html().Raw("<ul id=\"problems\">");
            foreach (var problem in problems)
            {
                body.Element("li", problem);
            }

            body.Raw("</ul><p>").Link("/campaigns", "Back to the form").Raw("</p>");
            await WriteAsync(context, Html.Page("Campaign not started", body)).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = "/campaigns/" + id;
    }

    public async Task CampaignAsync(HttpContext context, string id)
    {
        if (await FindAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } campaign)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await WriteAsync(context, Html.Page("Not found", new Html().Element("p", "No such campaign."))).ConfigureAwait(false);
            return;
        }

        var counts = campaign.Counts;
        var body = new Html()
            .Raw("<div class=\"card\"><p>State: <strong id=\"state\">").Text(campaign.State.Name()).Raw("</strong></p>")
            .Raw(Bar(Progress(counts), "progress"))
            .Raw("<p id=\"progress-text\">").Text(ProgressText(counts)).Raw("</p></div>")
            .Raw("<table id=\"counts\">").HeaderRow("Total", "Sent", "Suppressed", "Failed", "Pending")
            .Raw("<tr>");
        foreach (var (name, value) in new[] { ("total", counts.Total), ("sent", counts.Sent), ("suppressed", counts.Suppressed), ("failed", counts.Failed), ("pending", counts.Pending) })
        {
            body.Raw("<td id=\"count-" + name + "\">").Text(Number(value)).Raw("</td>");
        }

        body.Raw("</tr></table><table id=\"times\">").HeaderRow("Created", "Started", "Finished")
            .Row(PageFormat.Instant(campaign.CreatedAt), campaign.StartedAt is { } s ? PageFormat.Instant(s) : "–", campaign.FinishedAt is { } f ? PageFormat.Instant(f) : "–")
            .Raw("</table><h2>Failures by reason</h2><ul id=\"failures\">");
        foreach (var (reason, count) in campaign.FailuresByReason)
        {
            body.Element("li", reason + ": " + Number(count));
        }

        body.Raw("</ul><p>").Link("/outbox", "Outbox").Raw(" · ").Link("/campaigns", "All campaigns").Raw("</p>")
            // Follows the status endpoint until the campaign is final; no external script.
            .Raw("<script>(()=>{const url=location.pathname+'/status';const set=(id,v)=>{const e=document.getElementById(id);if(e)e.textContent=v};")
            .Raw("const tick=async()=>{let s;try{const r=await fetch(url,{cache:'no-store'});if(!r.ok)return setTimeout(tick,2000);s=await r.json()}catch{return setTimeout(tick,2000)}")
            .Raw("set('state',s.status);for(const k of ['total','sent','suppressed','failed','pending'])set('count-'+k,s.counts[k].toLocaleString('en'));")
            .Raw("document.getElementById('progress').value=s.progress;set('progress-text',Math.floor(s.progress*100)+'% ('+(s.counts.total-s.counts.pending).toLocaleString('en')+' of '+s.counts.total.toLocaleString('en')+')');")
            .Raw("const ul=document.getElementById('failures');ul.replaceChildren(...Object.entries(s.failures||{}).map(([k,v])=>{const li=document.createElement('li');li.textContent=k+': '+v;return li}));")
            .Raw("if(!['completed','cancelled','failed'].includes(s.status))setTimeout(tick,1000)};setTimeout(tick,1000)})();</script>");
        await WriteAsync(context, Html.Page("Campaign " + campaign.Id, body)).ConfigureAwait(false);
    }

    public async Task StatusAsync(HttpContext context, string id)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json";
        if (await FindAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } campaign)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("{\"error\":{\"code\":\"not_found\",\"message\":\"No such campaign.\",\"details\":[]}}").ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            var counts = campaign.Counts;
            json.WriteStartObject();
            json.WriteString("campaignId", campaign.Id);
            json.WriteString("status", campaign.State.Name());
            json.WriteStartObject("counts");
            json.WriteNumber("total", counts.Total);
            json.WriteNumber("sent", counts.Sent);
            json.WriteNumber("suppressed", counts.Suppressed);
            json.WriteNumber("failed", counts.Failed);
            json.WriteNumber("pending", counts.Pending);
            json.WriteEndObject();
            json.WriteNumber("progress", Progress(counts));
            json.WriteString("createdAt", campaign.CreatedAt);
            WriteInstant(json, "startedAt", campaign.StartedAt);
            WriteInstant(json, "finishedAt", campaign.FinishedAt);
            json.WriteStartObject("failures");
            foreach (var (reason, count) in campaign.FailuresByReason)
            {
                json.WriteNumber(reason, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    // POST /campaigns with the form as send-mail's body: the new id, or the API's error and details.
    private async Task<(string? Id, IReadOnlyList<string> Problems)> PostAsync(DemoCampaign demo, IReadOnlyList<string> addresses, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("to");
            foreach (var address in addresses)
            {
                json.WriteStringValue(address);
            }

            json.WriteEndArray();
            json.WriteString("from", demo.From.Trim());
            json.WriteString("subject", demo.Subject.Trim());
            json.WriteString("html", "<p>" + System.Net.WebUtility.HtmlEncode(demo.Text).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>");
            json.WriteString("text", demo.Text);
            json.WriteStartObject("campaign");
            json.WriteString("name", "demo");
            json.WriteString("type", demo.Newsletter ? "newsletter" : "financial");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiUrl, "campaigns")) { Content = new ByteArrayContent(buffer.ToArray()) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-api-key", apiKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = answer.RootElement;
        if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
        {
            return (root.GetProperty("campaignId").GetString(), []);
        }

        var problems = new List<string>();
        if (root.TryGetProperty("error", out var error))
        {
            problems.Add(error.GetProperty("message").GetString() ?? string.Empty);
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                problems.AddRange(details.EnumerateArray().Select(d => d.GetProperty("field").GetString() + ": " + d.GetProperty("message").GetString()));
            }
        }
        else
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"the API answered {(int)response.StatusCode}"));
        }

        return (null, problems);
    }

    /// <summary>Share of recipients with a result, 0 to 1 (an empty campaign is done).</summary>
    public static double Progress(CampaignCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Total == 0 ? 1 : Math.Round((double)(counts.Total - counts.Pending) / counts.Total, 4);
    }

    private async Task<Campaign?> FindAsync(string id, CancellationToken cancellationToken)
        => IsCampaignId(id) ? await engine.Store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;

    // Ids are URL-safe and short; anything else is not looked up.
    private static bool IsCampaignId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string ProgressText(CampaignCounts counts)
        => string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(Progress(counts) * 100)}% ({counts.Total - counts.Pending:N0} of {counts.Total:N0})");

    private static string Bar(double progress, string? id)
        => "<progress " + (id is null ? string.Empty : "id=\"" + id + "\" ") + "max=\"1\" value=\"" + progress.ToString(CultureInfo.InvariantCulture) + "\" style=\"width:100%;height:1.2rem\"></progress>";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteInstant(Utf8JsonWriter json, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            json.WriteString(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static Task WriteAsync(HttpContext context, string page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(page);
    }
}
