using System.Net;
using System.Text.RegularExpressions;
using CrmMail.LocalSuite.Adapters;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// The local pages: home, outbox (list and one message with its headers, HTML, text and
/// links), contacts (topics and audit history) and the stand-in confirmation page the
/// unsubscribe function redirects to, with one-click resubscribe. Contacts are addressed by
/// their keyed hash, so no address appears in a URL.
/// </summary>
internal sealed partial class LocalPages(SuiteComposition suite, Uri apiUrl, LocalDataDirectory data)
{
    private const int HistoryLimit = 100;

    public Task HomeAsync(HttpContext context, string apiKey)
    {
        var api = apiUrl.AbsoluteUri.TrimEnd('/');
        var example = $$"""
            curl -s {{api}}/send-mail -H 'x-api-key: {{apiKey}}' -H 'content-type: application/json' -d '{
              "to": ["payee@example.com"], "from": "reports@example.com", "subject": "Your October reports",
              "html": "<p>Hello!</p>", "text": "Hello!",
              "campaign": {"name": "monthly", "type": "financial"},
              "attachReporting": true, "month": "10", "year": "2026", "customIds": ["ACME-001", "ACME-002"]}'
            """;
        var body = new Html()
            .Raw("<div class=\"card\"><p>The five functions run here over ")
            .Text(data.Root)
            .Raw(". Send mail with the API, then follow it through the ")
            .Link("/outbox", "outbox")
            .Raw(" and the ")
            .Link("/contacts", "contacts")
            .Raw(".</p><p>API reference: ")
            .Link("/docs", "/docs", "id=\"api-docs\"")
            .Raw(" (OpenAPI 3: ")
            .Link("/openapi.json", "/openapi.json", "id=\"openapi-json\"")
            .Raw(").</p><p>API key (<code>x-api-key</code>): <code>")
            .Text(apiKey)
            .Raw("</code></p></div><h2>Try it</h2><pre>")
            .Text(example)
            .Raw("</pre><h2>Routes</h2><table>")
            .HeaderRow("Method", "URL", "Function");
        foreach (var route in Routes.DeployedRoutes.All)
        {
            body.Row(route.Method, api + route.Path, route.Function);
        }

        body.Raw("</table><p>Campaigns (the same API key): ").Link("/campaigns", "/campaigns", "id=\"campaigns-link\"")
            .Raw(", or <code>crm-mail campaign send --recipients list.csv --subject … --html body.html --text body.txt</code>.</p>");
        body.Raw("<p>Reports are served by the CloudFront stand-in under <code>/cdn/</code> from ").Text(data.Reports).Raw(".</p>");
        return WriteAsync(context, Html.Page("Local suite", body));
    }

    public Task OutboxAsync(HttpContext context)
    {
        var messages = suite.Outbox.List();
        var body = new Html();
        if (messages.Count == 0)
        {
            body.Element("p", "No messages yet: POST to send-mail.");
        }
        else
        {
            body.Raw("<table id=\"outbox\">").HeaderRow("Date", "To", "Subject");
            foreach (var message in messages)
            {
                body.Raw("<tr><td>").Text(PageFormat.Instant(message.Date))
                    .Raw("</td><td>").Text(message.To)
                    .Raw("</td><td>").Link("/outbox/" + message.Id, message.Subject, "class=\"message\"")
                    .Raw("</td></tr>");
            }

            body.Raw("</table>");
        }

        return WriteAsync(context, Html.Page("Outbox", body));
    }

    public Task MessageAsync(HttpContext context, string id)
    {
        if (suite.Outbox.Find(id) is not { } message)
        {
            return NotFoundAsync(context, "No such message.");
        }

        var body = new Html();
        if (context.Request.Query["mailto"] is { Count: > 0 } mailtoResult)
        {
            body.Raw("<p class=\"card\" id=\"mailto-result\">The mailto function ").Text(mailtoResult.ToString() == "applied" ? "applied the unsubscribe." : "ignored the mail (see the log).").Raw("</p>");
        }

        body.Element("h2", "Headers").Raw("<table id=\"headers\">").HeaderRow("Name", "Value");
        foreach (var (name, value) in message.Headers)
        {
            body.Raw("<tr><th>").Text(name).Raw("</th><td class=\"mono\">").Text(value).Raw("</td></tr>");
        }

        body.Raw("</table>");
        var unsubscribe = HttpsUnsubscribeLink(message);
        var mailto = MailtoLink(message);
        body.Element("h2", "List-Unsubscribe");
        if (unsubscribe is null && mailto is null)
        {
            body.Element("p", "This message carries no List-Unsubscribe header.");
        }
        else
        {
            body.Raw("<div class=\"card\">");
            if (unsubscribe is not null)
            {
                body.Raw("<p>").Link(unsubscribe, "Unsubscribe link (GET)", "id=\"unsubscribe-link\"").Raw("</p>")
                    .Raw("<form id=\"one-click\" method=\"post\" action=\"").Text(unsubscribe).Raw("\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
                    .Raw("<button type=\"submit\">One-click unsubscribe (RFC 8058 POST, as a mailbox provider sends it)</button></form>")
                    .Raw("<p id=\"one-click-result\" role=\"status\"></p><script>")
                    // RFC 8058's answer is an empty 200 meant for a mailbox provider, not a page: the
                    // POST goes out from here and its result is shown beside the button.
                    .Raw("document.getElementById('one-click').addEventListener('submit',async e=>{e.preventDefault();const out=document.getElementById('one-click-result');")
                    .Raw("const r=await fetch(e.target.action,{method:'POST',body:new URLSearchParams({'List-Unsubscribe':'One-Click'})});let j={};if(!r.ok){try{j=(await r.json()).error||{}}catch{}}")
                    .Raw("out.textContent=r.ok?'Unsubscribed: the function answered '+r.status+' with an empty body, as RFC 8058 asks (the contacts page shows the change).':'Refused: '+r.status+' '+(j.code||'')+(j.message?': '+j.message:'');out.className=r.ok?'ok':'bad';});")
                    .Raw("</script>");
            }

            if (mailto is not null)
            {
                body.Raw("<form id=\"mailto\" method=\"post\" action=\"/outbox/").Text(message.Id).Raw("/mailto\"><p>")
                    .Text($"mailto:{mailto.Value.Mailbox} · subject “{Shorten(mailto.Value.Subject)}”")
                    .Raw("</p><button type=\"submit\">Unsubscribe by mail (through SES receipt, SNS and the mailto function)</button></form>");
            }

            body.Raw("</div>");
        }

        // SES event publishing, simulated: each button posts the event SES would publish through SNS to SesEvents.
        body.Element("h2", "SES events").Raw("<div class=\"card\" id=\"ses-events\"><p>")
            .Text("Simulate what SES publishes for this message (configuration set → SNS → SesEvents): counters, events and, for a permanent bounce or a complaint, the opt-out.")
            .Raw("</p>");
        foreach (var kind in Inbound.LocalSesEvents.Simulated)
        {
            body.Raw("<form method=\"post\" style=\"display:inline\" action=\"/outbox/").Text(message.Id).Raw("/ses-event/").Text(kind).Raw("\"><button type=\"submit\" id=\"ses-").Text(kind).Raw("\">").Text(kind).Raw("</button></form> ");
        }

        body.Raw("</div>");

        var links = LinksIn(message.Html);
        body.Element("h2", "Links in this message").Raw("<ul id=\"links\">");
        foreach (var link in links)
        {
            body.Raw("<li>").Link(link.Href, string.IsNullOrWhiteSpace(link.Text) ? link.Href : link.Text, "class=\"message-link\"").Raw("</li>");
        }

        body.Raw("</ul>")
            .Element("h2", "HTML")
            .Raw("<iframe title=\"message HTML\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" src=\"/outbox/").Text(message.Id).Raw("/html\"></iframe>")
            .Element("h2", "Text")
            .Element("pre", message.Text, "id=\"text\"")
            .Raw("<p>").Link("/outbox/" + message.Id + "/eml", "Download the .eml").Raw("</p>");
        return WriteAsync(context, Html.Page(message.Subject, body));
    }

    public async Task MessageHtmlAsync(HttpContext context, string id)
    {
        if (suite.Outbox.Find(id) is not { } message)
        {
            await NotFoundAsync(context, "No such message.").ConfigureAwait(false);
            return;
        }

        // The CRM's HTML is untrusted here: no scripts, no forms, no requests but images.
        context.Response.Headers["Content-Security-Policy"] = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(message.Html ?? string.Empty).ConfigureAwait(false);
    }

    public async Task MessageRawAsync(HttpContext context, string id)
    {
        if (suite.Outbox.Raw(id) is not { } raw)
        {
            await NotFoundAsync(context, "No such message.").ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "message/rfc822";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}.eml\"";
        await context.Response.Body.WriteAsync(raw).ConfigureAwait(false);
    }

    public async Task ContactsAsync(HttpContext context)
    {
        var contacts = await suite.Contacts.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var body = new Html();
        if (contacts.Count == 0)
        {
            body.Element("p", "No contacts yet: send-mail creates each recipient with the topic defaults.");
        }
        else
        {
            body.Raw("<table id=\"contacts\">").HeaderRow("Contact", Topics.Financial, Topics.Outreach, "Unsubscribed from all");
            foreach (var contact in contacts)
            {
                body.Raw("<tr><td>").Link("/contacts/" + suite.Hasher.Hash(contact.Email), contact.Email).Raw("</td>")
                    .Raw("<td>").Text(Status(contact, Topics.Financial)).Raw("</td><td>").Text(Status(contact, Topics.Outreach)).Raw("</td>")
                    .Raw("<td>").Text(contact.UnsubscribeAll ? "yes" : "no").Raw("</td></tr>");
            }

            body.Raw("</table>");
        }

        await WriteAsync(context, Html.Page("Contacts", body)).ConfigureAwait(false);
    }

    public async Task ContactAsync(HttpContext context, string hash)
    {
        var contacts = await suite.Contacts.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var contact = contacts.FirstOrDefault(c => suite.Hasher.Hash(c.Email) == hash);
        if (contact is null)
        {
            await NotFoundAsync(context, "No such contact.").ConfigureAwait(false);
            return;
        }

        var body = new Html().Raw("<p>Contact <strong id=\"email\">").Text(contact.Email).Raw("</strong> · hash <code>").Text(hash).Raw("</code></p>")
            .Element("h2", "Topics")
            .Raw("<table id=\"topics\">").HeaderRow("Topic", "Explicit preference", "List default", "Effective");
        foreach (var topic in Topics.All)
        {
            body.Raw("<tr><td>").Text(topic)
                .Raw("</td><td>").Text(contact.Preferences.FirstOrDefault(p => p.Topic == topic) is { } explicitPreference ? Wire(explicitPreference.Status) : "—")
                .Raw("</td><td>").Text(contact.TopicDefaults.FirstOrDefault(p => p.Topic == topic) is { } listDefault ? Wire(listDefault.Status) : "—")
                .Raw("</td><td data-topic=\"").Text(topic).Raw("\">").Text(Status(contact, topic)).Raw("</td></tr>");
        }

        body.Raw("</table><p>Unsubscribed from all: <strong id=\"unsubscribe-all\">").Text(contact.UnsubscribeAll ? "yes" : "no").Raw("</strong></p>");

        var history = await suite.Audit.HistoryAsync(contact.Email, HistoryLimit, context.RequestAborted).ConfigureAwait(false);
        body.Element("h2", "Audit history (newest first)")
            // Fixed layout with set column widths and wrapping anywhere: the table fits a 1,280 px window
            // whatever the user agent or request id holds.
            .Raw("<table id=\"audit\" class=\"fit\"><colgroup><col style=\"width:10rem\"><col style=\"width:7rem\"><col style=\"width:6rem\"><col style=\"width:4.5rem\">")
            .Raw("<col style=\"width:6rem\"><col style=\"width:4.5rem\"><col><col style=\"width:7rem\"><col><col style=\"width:5rem\"><col></colgroup>")
            .HeaderRow("Time", "Action", "Topics", "Changed", "Source", "Method", "Request id", "Source IP", "User agent", "Token age", "Detection");
        foreach (var entry in history)
        {
            var row = entry.Context;
            body.Raw("<tr data-action=\"").Text(entry.Action.ToString()).Raw("\" data-source=\"").Text(row.Source.ToString()).Raw("\">");
            foreach (var cell in new[]
            {
                // Action and source as the audit table stores them (unsubscribe, get, add-contact, ...).
                PageFormat.Instant(entry.Timestamp, milliseconds: true), AuditNames.Of(entry.Action), string.Join(", ", entry.Topics), entry.Changed ? "yes" : "no",
                AuditNames.Of(row.Source), row.Method, row.RequestId, row.SourceIp, row.UserAgent, row.TokenAge is { } age ? PageFormat.Age(age) : null,
                row.Detection is null ? null : string.Join("; ", row.Detection.Select(d => d.Key + "=" + d.Value)),
            })
            {
                body.Raw("<td>").Text(cell).Raw("</td>");
            }

            body.Raw("</tr>");
        }

        body.Raw("</table>");
        await WriteAsync(context, Html.Page("Contact", body)).ConfigureAwait(false);
    }

    public Task ConfirmationAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var status = query["status"].ToString();
        var topic = query["topic"].ToString();
        var error = query["error"].ToString();
        var body = new Html();
        if (error.Length > 0)
        {
            // Every error says what to do next, not only what went wrong.
            body.Raw("<p class=\"bad\" id=\"result\">").Text(error switch
            {
                "expired" => "This unsubscribe link has expired.",
                "unavailable" => "We could not update your preferences just now.",
                "stream_mismatch" => "This unsubscribe link does not belong to the address it was opened at.",
                _ => "This unsubscribe link is not valid.",
            }).Raw("</p><p id=\"next\">").Text(error switch
            {
                "expired" => "Use the unsubscribe link in a more recent email from us, or your mail app's Unsubscribe button on any of our emails: both work at once.",
                "unavailable" => "Nothing was changed. Please open the same link again in a minute.",
                _ => "Open the link exactly as it appears in the email (a link cut across two lines stops working), or use your mail app's Unsubscribe button.",
            }).Raw("</p>");
        }
        else if (!Topics.IsKnown(topic) || status is not ("confirm" or "unsubscribed"))
        {
            body.Raw("<p id=\"result\">").Text("This is the local stand-in for the CRM's email preferences page.").Raw("</p><p id=\"next\">")
                .Text("The unsubscribe function redirects here after someone opens an unsubscribe link: status, topic or error in the query, the address and a token in the fragment. Open an unsubscribe link from a message in the ")
                .Link("/outbox", "outbox").Text(" to see it at work.").Raw("</p>");
        }
        else if (status == "confirm")
        {
            // GET mode confirm: the GET changed nothing; the fragment's token is the
            // unsubscribe token, and the button sends the one-click POST with it.
            body.Raw("<p class=\"ok\" id=\"result\">").Text($"Confirm that you no longer want {topic} emails.").Raw("</p>")
                .Raw("<p>Address: <strong id=\"email\"></strong></p>")
                .Raw("<p><button id=\"unsubscribe\" type=\"button\">Unsubscribe</button></p><p id=\"unsubscribe-result\" role=\"status\"></p>")
                .Raw("<script>const f=new URLSearchParams(location.hash.slice(1));document.getElementById('email').textContent=f.get('email')||'';")
                .Raw("document.getElementById('unsubscribe').addEventListener('click',async e=>{const out=document.getElementById('unsubscribe-result');")
                .Raw("const r=await fetch(").Raw(JsString(apiUrl.AbsoluteUri + topic + "/unsubscribe?data=")).Raw("+encodeURIComponent(f.get('token')||''),{method:'POST',body:new URLSearchParams({'List-Unsubscribe':'One-Click'})});")
                .Raw("if(r.ok){document.getElementById('result').textContent=").Raw(JsString($"You are unsubscribed from {topic} emails.")).Raw(";e.target.hidden=true;")
                // The one-click answer carries no resubscribe token (RFC 8058: an empty 200), so no Resubscribe button here.
                .Raw("out.textContent='Changed your mind? Ask the sender to add you back.';out.className='';}")
                .Raw("else{let j={};try{j=(await r.json()).error||{}}catch{}out.textContent='Could not unsubscribe: '+(j.message||r.status);out.className='bad';}});")
                .Raw("</script>");
        }
        else
        {
            body.Raw("<p class=\"ok\" id=\"result\">").Text($"You are unsubscribed from {topic} emails.").Raw("</p>")
                .Raw("<p>Address: <strong id=\"email\"></strong></p>")
                .Raw("<p><button id=\"resubscribe\" type=\"button\">Resubscribe</button></p><p id=\"resubscribe-result\" role=\"status\"></p>")
                .Raw("<script>")
                // The address and the resubscribe token travel in the fragment: never sent to a server,
                // read here and posted to add-contact only when the recipient clicks.
                .Raw("const f=new URLSearchParams(location.hash.slice(1));document.getElementById('email').textContent=f.get('email')||'';")
                .Raw("document.getElementById('resubscribe').addEventListener('click',async e=>{const out=document.getElementById('resubscribe-result');")
                .Raw("const r=await fetch(").Raw(JsString(apiUrl.AbsoluteUri + "financial/add-contact")).Raw(",{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({email:f.get('email'),token:f.get('token'),topics:[")
                .Raw(JsString(topic)).Raw("]})});")
                .Raw("const j=await r.json();out.textContent=r.ok?'Resubscribed: '+(j.topics||[]).join(', '):'Could not resubscribe: '+(j.error&&j.error.message||r.status);out.className=r.ok?'ok':'bad';")
                .Raw("if(r.ok){document.getElementById('result').textContent=").Raw(JsString($"You are resubscribed to {topic} emails.")).Raw(";e.target.hidden=true;}});")
                .Raw("</script>");
        }

        return WriteAsync(context, Html.Page("Email preferences", body));
    }

    /// <summary>The https unsubscribe URL of a message's List-Unsubscribe header.</summary>
    internal static string? HttpsUnsubscribeLink(OutboxMessage message) => ListUnsubscribeUrls(message).FirstOrDefault(u => u.StartsWith("http", StringComparison.Ordinal));

    /// <summary>The mailbox and decoded subject of a message's mailto unsubscribe link.</summary>
    internal static (string Mailbox, string Subject)? MailtoLink(OutboxMessage message)
    {
        var mailto = ListUnsubscribeUrls(message).FirstOrDefault(u => u.StartsWith("mailto:", StringComparison.Ordinal));
        if (mailto is null)
        {
            return null;
        }

        var parts = mailto["mailto:".Length..].Split('?', 2);
        var subject = parts.Length > 1 ? parts[1].Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "subject" && p.Length == 2)?[1] : null;
        return (Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(subject ?? "unsubscribe"));
    }

    private static IEnumerable<string> ListUnsubscribeUrls(OutboxMessage message)
        => message.Headers.Where(h => string.Equals(h.Name, "List-Unsubscribe", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => AngleBracketed().Matches(h.Value).Select(m => m.Groups[1].Value));

    private static List<(string Href, string Text)> LinksIn(string? html)
        => html is null ? [] : [.. Anchor().Matches(html)
            .Select(m => (Href: WebUtility.HtmlDecode(m.Groups[1].Value), Text: WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[2].Value, string.Empty)).Trim()))
            .Where(l => l.Href.StartsWith("http://", StringComparison.Ordinal) || l.Href.StartsWith("https://", StringComparison.Ordinal))];

    private static string Status(Contact contact, string topic) => contact.IsSubscribed(topic) ? "OPT_IN" : "OPT_OUT";

    private static string Wire(SubscriptionStatus status) => status == SubscriptionStatus.OptIn ? "OPT_IN" : "OPT_OUT";

    private static string Shorten(string value) => value.Length <= 48 ? value : value[..45] + "…";

    private static string JsString(string value) => System.Text.Json.JsonSerializer.Serialize(value, LocalPagesJsonContext.Default.String).Replace("<", "\\u003c", StringComparison.Ordinal);

    private Task NotFoundAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = 404;
        return WriteAsync(context, Html.Page("Not found", new Html().Element("p", message)));
    }

    private Task WriteAsync(HttpContext context, string page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(page);
    }

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex AngleBracketed();

    [GeneratedRegex("<a\\s[^>]*href=\"([^\"]+)\"[^>]*>(.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchor();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class LocalPagesJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
