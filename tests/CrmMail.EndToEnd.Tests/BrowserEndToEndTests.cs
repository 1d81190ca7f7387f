using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Lambda.Core;
using CrmMail.Tests.Shared;
using Microsoft.Playwright;

namespace CrmMail.EndToEnd.Tests;

/// <summary>
/// The suite as a recipient and an operator meet it, in Debian's headless Chromium driven by
/// Playwright: send a financial mail with two reports through the local API, read it in the
/// outbox, open a report, try a tampered link, unsubscribe from the link, see the contact
/// and its audit row, resubscribe from the confirmation page, unsubscribe with a one-click POST
/// and replay a Mailgun webhook. Screenshots of each step go to artifacts/e2e/.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BrowserEndToEndTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "e2e");
    private readonly string _data = Path.Combine(Path.GetTempPath(), "crm-mail-e2e-" + Guid.NewGuid().ToString("N"));
    private LocalSuite.LocalSuite _suite = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"The browser test drives Debian's Chromium at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        Directory.CreateDirectory(Screenshots);
        _suite = await LocalSuite.LocalSuite.StartAsync(new LocalSuite.LocalSuiteOptions
        {
            Port = 0,
            DataDirectory = _data,
            Environment = new DictionaryEnvironmentVariables(new Dictionary<string, string>()),
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox as root; no background traffic on a closed network. Playwright gives
            // every launch a fresh, empty profile of its own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _suite.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task FinancialMail_FromSendToUnsubscribeAndBack_InARealBrowser()
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _suite.BaseUrl.AbsoluteUri });
        var page = await context.NewPageAsync();
        var api = _suite.ApiUrl.AbsoluteUri;

        // 1. Send through the local API (API key as API Gateway's usage plan wants it).
        var send = await context.APIRequest.PostAsync(api + "send-mail", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["x-api-key"] = _suite.Data.ApiKey, ["content-type"] = "application/json" },
            DataString = """
                {"to":["payee@example.com"],"from":"reports@example.com","subject":"Your October reports","html":"<p>Hello Payee,</p><p>your statements are ready.</p>","text":"Hello Payee, your statements are ready.",
                 "campaign":{"name":"monthly","type":"financial"},"attachReporting":true,"month":"10","year":"2026","customIds":["ACME-001","ACME-002"]}
                """,
        });
        Assert.True(send.Status == 200, await send.TextAsync());

        // 2. The outbox lists it; the message page shows headers, HTML, text and links.
        await page.GotoAsync("/outbox");
        await page.ClickAsync("a.message:has-text('Your October reports')");
        await Assertions.Expect(page.Locator("#headers")).ToContainTextAsync("List-Unsubscribe-Post");
        await Assertions.Expect(page.Locator("#headers")).ToContainTextAsync("List-Unsubscribe=One-Click");
        await Assertions.Expect(page.Locator("#links a.message-link[href*='/cdn/']")).ToHaveCountAsync(2);
        await Assertions.Expect(page.FrameLocator("iframe").Locator("body")).ToContainTextAsync("Download your reports");
        await Shot(page, "1-message");
        var messageUrl = page.Url;

        // 3. A report opens from its link (200) with the bytes in the reports folder.
        var reportLink = page.Locator("#links a.message-link[href*='/cdn/']").First;
        var reportUrl = (await reportLink.GetAttributeAsync("href"))!;
        var report = await page.RunAndWaitForResponseAsync(() => reportLink.ClickAsync(), r => r.Url == reportUrl);
        var expected = File.ReadAllBytes(_suite.Data.ReportPath("2026/10/ACME-001.pdf")!);
        Assert.Equal(200, report.Status);
        Assert.Equal("application/pdf", report.Headers["content-type"]);
        Assert.Equal(expected.Length.ToString(CultureInfo.InvariantCulture), report.Headers["content-length"]);
        // The bytes, fetched by the page itself from the same signed URL (Chromium's PDF viewer owns the tab's body).
        var fetched = await page.EvaluateAsync<string>("async u => { const b = new Uint8Array(await (await fetch(u)).arrayBuffer()); let s = ''; for (const x of b) s += String.fromCharCode(x); return btoa(s); }", reportUrl);
        Assert.Equal(expected, Convert.FromBase64String(fetched));

        // 4. A tampered link is refused as CloudFront refuses it.
        var tampered = await page.GotoAsync(reportUrl.Replace("ACME-001", "ACME-002", StringComparison.Ordinal));
        Assert.Equal(403, tampered!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("AccessDenied");
        await Shot(page, "2-tampered-link-403");

        // 5. The unsubscribe link: confirmation page, contact OPT_OUT, audit row.
        await page.GotoAsync(messageUrl);
        await page.ClickAsync("#unsubscribe-link");
        await Assertions.Expect(page.Locator("#result")).ToHaveTextAsync("You are unsubscribed from financial emails.");
        await Assertions.Expect(page.Locator("#email")).ToHaveTextAsync("payee@example.com");
        Assert.DoesNotContain("payee", new Uri(page.Url).Query, StringComparison.Ordinal);
        await Shot(page, "3-confirmation");
        var confirmationUrl = page.Url;

        var contactPage = await context.NewPageAsync();
        await contactPage.GotoAsync("/contacts");
        await contactPage.ClickAsync("#contacts a:has-text('payee@example.com')");
        await Assertions.Expect(contactPage.Locator("td[data-topic=financial]")).ToHaveTextAsync("OPT_OUT");
        await Assertions.Expect(contactPage.Locator("tr[data-action=Unsubscribe][data-source=Get]")).ToHaveCountAsync(1);
        await Shot(contactPage, "4-contact-opted-out");

        // 6. Resubscribe from the confirmation page (the recipient's own token, add-contact).
        await page.GotoAsync(confirmationUrl);
        await page.ClickAsync("#resubscribe");
        await Assertions.Expect(page.Locator("#resubscribe-result")).ToHaveTextAsync("Resubscribed: financial");
        await Shot(page, "5-resubscribed");
        await contactPage.ReloadAsync();
        await Assertions.Expect(contactPage.Locator("td[data-topic=financial]")).ToHaveTextAsync("OPT_IN");
        await Assertions.Expect(contactPage.Locator("tr[data-action=Resubscribe][data-source=AddContact]")).ToHaveCountAsync(1);

        // 7. The one-click POST a mailbox provider sends (RFC 8058): 200, OPT_OUT again.
        await page.GotoAsync(messageUrl);
        var oneClick = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#one-click button"), r => r.Request.Method == "POST" && r.Url.Contains("/financial/unsubscribe", StringComparison.Ordinal));
        Assert.Equal(200, oneClick.Status);
        await contactPage.ReloadAsync();
        await Assertions.Expect(contactPage.Locator("td[data-topic=financial]")).ToHaveTextAsync("OPT_OUT");
        await Assertions.Expect(contactPage.Locator("tr[data-action=Unsubscribe][data-source=Post]")).ToHaveCountAsync(1);
        await Shot(contactPage, "6-contact-after-one-click");

        // 8. A Mailgun webhook, signed once: accepted, then its replay is 401.
        var token = Guid.NewGuid().ToString("N");
        var first = await context.APIRequest.PostAsync(api + "outreach/webhook", Webhook(token, "evt-e2e-1"));
        var replay = await context.APIRequest.PostAsync(api + "outreach/webhook", Webhook(token, "evt-e2e-2"));
        Assert.Equal(200, first.Status);
        Assert.Equal(401, replay.Status);

        // The CRM's HTML as the outbox renders it (sandboxed frame), for the record.
        await page.GotoAsync(messageUrl);
        await page.Locator("iframe").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Screenshots, "7-message-html.png") });
    }

    private APIRequestContextOptions Webhook(string token, string eventId)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_suite.Data.MailgunSigningKey), Encoding.UTF8.GetBytes(ts + token)));
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["signature"] = new Dictionary<string, string> { ["timestamp"] = ts, ["token"] = token, ["signature"] = signature },
            ["event-data"] = new Dictionary<string, object> { ["id"] = eventId, ["event"] = "delivered", ["timestamp"] = double.Parse(ts, CultureInfo.InvariantCulture), ["recipient"] = "payee@example.com", ["tags"] = new[] { "financial" } },
        });
        return new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["content-type"] = "application/json" }, DataString = body };
    }

    private static Task Shot(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}
