using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmMail.LocalSuite.Tests;

/// <summary>The whole suite on local files, over real HTTP: every function, the CloudFront stand-in and the pages.</summary>
public sealed partial class LocalSuiteTests : IAsyncLifetime
{
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    [Fact]
    public async Task SendMail_WithoutTheApiKey_IsRefusedByTheGateway()
    {
        using var response = await _suite.SendMailAsync(SuiteHarness.FinancialRequest(), apiKey: "wrong");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"message\":\"Forbidden\"}", await response.Content.ReadAsStringAsync());
        Assert.Empty(Directory.GetFiles(_suite.Suite.Data.Outbox));
    }

    [Theory]
    [InlineData("GET", "local/send-mail")]
    [InlineData("DELETE", "local/financial/unsubscribe")]
    [InlineData("GET", "local/no-such-route")]
    // The campaign API's upload resource has POST only.
    [InlineData("GET", "local/campaigns/uploads")]
    public async Task UnknownResourcesAndMethods_GetApiGatewaysMissingAuthenticationToken(string method, string path)
    {
        using var response = await _suite.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Missing Authentication Token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinancialMail_LandsInTheOutbox_WithWorkingReportLinksThatRefuseTamperingAndExpire()
    {
        using var response = await _suite.SendMailAsync(SuiteHarness.FinancialRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reply = await SuiteHarness.JsonAsync(response);
        Assert.Equal("sent", reply.RootElement.GetProperty("results")[0].GetProperty("status").GetString());

        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox, "*.eml")));
        var links = SuiteHarness.MessageLink().Matches(await _suite.PageAsync("outbox/" + id)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(2, links.Count);
        foreach (var link in links)
        {
            using var download = await _suite.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
            var key = new Uri(link).AbsolutePath["/cdn/".Length..];
            Assert.Equal(File.ReadAllBytes(_suite.Suite.Data.ReportPath(key)!), await download.Content.ReadAsByteArrayAsync());
        }

        var tampered = links[0].Replace("ACME-001", "ACME-002", StringComparison.Ordinal);
        using (var refused = await _suite.Http.GetAsync(tampered))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("BadSignature", refused.Headers.GetValues("X-Local-Reason").Single());
            Assert.Contains("<Code>AccessDenied</Code>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _suite.Time.Advance(TimeSpan.FromDays(25) + TimeSpan.FromSeconds(1));
        using var expired = await _suite.Http.GetAsync(links[0]);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("Expired", expired.Headers.GetValues("X-Local-Reason").Single());
    }

    [Fact]
    public async Task MissingReport_Is422_AndNothingIsSent()
    {
        using var response = await _suite.SendMailAsync(SuiteHarness.FinancialRequest(customIds: ["ACME-001", "NOPE-9"]));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("NOPE-9", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_suite.Suite.Data.Outbox));
    }

    [Fact]
    public async Task UnsubscribeLink_RedirectsToTheConfirmationPage_OptsOutAndAudits_ThenTheTokenResubscribes()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var outbox = _suite.Suite.Data.Outbox;
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(outbox)));
        var page = await _suite.PageAsync("outbox/" + id);
        var unsubscribe = WebUtility.HtmlDecode(SuiteHarness.UnsubscribeLink().Match(page).Groups[1].Value);
        Assert.StartsWith(_suite.Suite.ApiUrl + "financial/unsubscribe?data=", unsubscribe, StringComparison.Ordinal);

        using var redirect = await _suite.Http.GetAsync(unsubscribe);
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.Equal(new Uri(_suite.Suite.BaseUrl, "confirm").AbsolutePath, location.AbsolutePath);
        Assert.Equal("?status=unsubscribed&topic=financial", location.Query);
        Assert.Contains("You are unsubscribed from financial emails.", await _suite.PageAsync(location.PathAndQuery), StringComparison.Ordinal);

        var contact = await ContactPageAsync();
        Assert.Contains("<td data-topic=\"financial\">OPT_OUT</td>", contact, StringComparison.Ordinal);
        Assert.Contains("<td data-topic=\"outreach\">OPT_IN</td>", contact, StringComparison.Ordinal);
        Assert.Contains("<tr data-action=\"Unsubscribe\" data-source=\"Get\">", contact, StringComparison.Ordinal);

        var fragment = location.Fragment.TrimStart('#').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        using var resubscribe = await SuiteHarness.PostJsonAsync(_suite.Http, "local/financial/add-contact", new { email = fragment["email"], token = fragment["token"], topics = new[] { "financial" } });
        Assert.Equal(HttpStatusCode.OK, resubscribe.StatusCode);
        contact = await ContactPageAsync();
        Assert.Contains("<td data-topic=\"financial\">OPT_IN</td>", contact, StringComparison.Ordinal);
        Assert.Contains("<tr data-action=\"Resubscribe\" data-source=\"AddContact\">", contact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClickPost_And_MailtoReply_BothUnsubscribe()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        var page = await _suite.PageAsync("outbox/" + id);
        var unsubscribe = WebUtility.HtmlDecode(SuiteHarness.UnsubscribeLink().Match(page).Groups[1].Value);

        using var oneClick = await _suite.Http.PostAsync(unsubscribe, new StringContent("List-Unsubscribe=One-Click", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("<td data-topic=\"financial\">OPT_OUT</td>", await ContactPageAsync(), StringComparison.Ordinal);

        using var mailto = await _suite.Http.PostAsync($"outbox/{id}/mailto", null);
        Assert.Equal(HttpStatusCode.Found, mailto.StatusCode);
        Assert.Equal($"/outbox/{id}?mailto=applied", mailto.Headers.Location!.OriginalString);
        Assert.Contains("<tr data-action=\"Unsubscribe\" data-source=\"Mailto\">", await ContactPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboundMail_SpoofedWithoutToken_IsIgnored_ButTheTokenFromAForwardingAddressApplies()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        var page = await _suite.PageAsync("outbox/" + id);

        using var spoofed = await _suite.Http.PostAsync("inbound/mail?verdict=FAIL", Mail("payee@example.com", "unsubscribe"));
        Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
        Assert.Equal("{\"records\":1,\"applied\":0,\"ignored\":1}", await spoofed.Content.ReadAsStringAsync());
        Assert.Contains("<td data-topic=\"financial\">OPT_IN</td>", await ContactPageAsync(), StringComparison.Ordinal);

        // The token from the message's mailto link (in the List-Unsubscribe header).
        var token = MailtoToken().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        using var forwarded = await _suite.Http.PostAsync("inbound/mail", Mail("old-alias@forwarder.example.net", "Re: unsubscribe " + token));
        Assert.Equal("{\"records\":1,\"applied\":1,\"ignored\":0}", await forwarded.Content.ReadAsStringAsync());
        Assert.Contains("<td data-topic=\"financial\">OPT_OUT</td>", await ContactPageAsync(), StringComparison.Ordinal);

        using var garbage = await _suite.Http.PostAsync("inbound/mail?verdict=MAYBE", Mail("a@example.com", "x"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    // serve takes each SES verdict and the envelope sender separately, so DMARC's rule can be tried locally.
    [Fact]
    public async Task InboundMail_EachVerdictAndTheEnvelopeSender_FollowTheSenderRules()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();

        async Task<string> Deliver(string query)
        {
            using var response = await _suite.Http.PostAsync("inbound/mail" + query, Mail("payee@example.com", "unsubscribe"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        const string Ignored = "{\"records\":1,\"applied\":0,\"ignored\":1}";
        // SPF passes for the attacker's own envelope domain: not aligned with From.
        Assert.Equal(Ignored, await Deliver("?dmarc=GRAY&dkim=FAIL&mailFrom=bounce%40attacker.example"));
        // The domain's DMARC policy failed the mail, whatever SPF and DKIM said.
        Assert.Equal(Ignored, await Deliver("?dmarc=FAIL"));
        Assert.Equal(Ignored, await Deliver("?verdict=PASS&spam=FAIL"));
        Assert.Contains("<td data-topic=\"financial\">OPT_IN</td>", await ContactPageAsync(), StringComparison.Ordinal);

        // No DMARC policy, SPF PASS for an envelope subdomain of the From domain: acts.
        Assert.Equal("{\"records\":1,\"applied\":1,\"ignored\":0}", await Deliver("?verdict=GRAY&spf=PASS&spam=PASS&virus=PASS&mailFrom=bounces%40mail.example.com"));
        Assert.Contains("<tr data-action=\"Unsubscribe\" data-source=\"Mailto\">", await ContactPageAsync(), StringComparison.Ordinal);
    }

    // A verdict that is not PASS, FAIL or GRAY, or an envelope sender that is not an address, is 400 with the error body.
    [Theory]
    [InlineData("?dmarc=MAYBE", "dmarc")]
    [InlineData("?verdict=pass&virus=NONE", "virus")]
    [InlineData("?mailFrom=not%20an%20address", "mailFrom")]
    public async Task InboundMail_BadQuery_Is400WithTheParameter(string query, string parameter)
    {
        using var response = await _suite.Http.PostAsync("inbound/mail" + query, Mail("a@example.com", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("bad_request", error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("details")[0].GetProperty("field").GetString());
    }

    private static StringContent Mail(string from, string subject)
        => new($"From: {from}\r\nTo: unsubscribe@crm-mail.local\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@client.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nplease stop\r\n", Encoding.ASCII, "message/rfc822");

    [Fact]
    public async Task MailgunWebhook_SignedOnce_IsAccepted_AndItsReplayIs401()
    {
        var token = Guid.NewGuid().ToString("N");
        using var first = await _suite.WebhookAsync("unsubscribed", "evt-1", token);
        using var replay = await _suite.WebhookAsync("unsubscribed", "evt-2", token);
        using var stale = await _suite.WebhookAsync("unsubscribed", "evt-3", Guid.NewGuid().ToString("N"), _suite.Time.GetUtcNow().ToUnixTimeSeconds() - 3600);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("<td data-topic=\"outreach\">OPT_OUT</td>", await ContactPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutboxPages_EncodeWhatTheCrmSent_AndServeItsHtmlSandboxed()
    {
        var request = SuiteHarness.FinancialRequest(subject: "<script>alert(1)</script> & co");
        (await _suite.SendMailAsync(request.Replace("<p>Hello!</p>", "<p>Hi</p><script>steal()</script>", StringComparison.Ordinal))).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));

        var list = await _suite.PageAsync("outbox");
        var page = await _suite.PageAsync("outbox/" + id);
        using var html = await _suite.Http.GetAsync($"outbox/{id}/html");

        Assert.DoesNotContain("<script>alert(1)", list, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", list, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post", page, StringComparison.Ordinal);
        Assert.StartsWith("sandbox", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_SurvivesARestart_AndTheKeysStayTheSame()
    {
        (await _suite.SendMailAsync(SuiteHarness.FinancialRequest())).Dispose();
        var id = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(_suite.Suite.Data.Outbox)));
        var unsubscribe = WebUtility.HtmlDecode(SuiteHarness.UnsubscribeLink().Match(await _suite.PageAsync("outbox/" + id)).Groups[1].Value);
        var keyPairId = _suite.Suite.Data.CloudFrontKeyPairId;
        var oldBase = _suite.Suite.BaseUrl.AbsoluteUri;
        await _suite.DisposeAsync();

        _suite = await SuiteHarness.StartAsync(_suite.Root, time: _suite.Time);
        using var redirect = await _suite.Http.GetAsync(unsubscribe.Replace(oldBase, _suite.Suite.BaseUrl.AbsoluteUri, StringComparison.Ordinal));

        Assert.Equal(keyPairId, _suite.Suite.Data.CloudFrontKeyPairId);
        Assert.Equal("?status=unsubscribed&topic=financial", redirect.Headers.Location!.Query);
        Assert.Contains("<tr data-action=\"Add\" data-source=\"SendGate\">", await ContactPageAsync(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_suite.Suite.Data.Keys, "token-master.key")));
        }
    }

    [Fact]
    public async Task StartUpLines_NameEveryRouteAndTheApiKey()
    {
        var lines = _suite.Suite.Describe();

        foreach (var route in Routes.DeployedRoutes.All.Where(r => r.Method != "OPTIONS"))
        {
            Assert.Contains($"{route.Method,-6} {_suite.Suite.ApiUrl.AbsoluteUri.TrimEnd('/')}{route.Path}", lines, StringComparison.Ordinal);
        }

        Assert.Contains(_suite.Suite.Data.ApiKey, lines, StringComparison.Ordinal);
        Assert.Contains("outbox", await _suite.PageAsync(string.Empty), StringComparison.Ordinal);
    }

    private async Task<string> ContactPageAsync()
    {
        var contacts = await _suite.PageAsync("contacts");
        var href = ContactLink().Match(contacts).Groups[1].Value;
        Assert.NotEmpty(href);
        return await _suite.PageAsync(href.TrimStart('/'));
    }

    [GeneratedRegex("mailto:unsubscribe@crm-mail\\.local\\?subject=unsubscribe%20([A-Za-z0-9_-]+)")]
    private static partial Regex MailtoToken();

    [GeneratedRegex("<a href=\"(/contacts/[0-9a-f]+)\"")]
    private static partial Regex ContactLink();
}
