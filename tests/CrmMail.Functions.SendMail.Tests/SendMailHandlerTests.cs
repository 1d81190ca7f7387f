using System.Text.Json;
using System.Web;
using CrmMail.Mail.Composition;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.SendMail.Tests;

public class SendMailHandlerTests
{
    private const string Financial = """
        {"to":["payee@example.com","second@example.com"],"subject":"Your August 2025 statement","html":"<p>Hello</p>","text":"Hello",
         "from":"Reports <reports@example.com>","replyTo":"support@example.com",
         "campaign":{"name":"Statements 2025/08","type":"financial","month":"08","year":"2025"},
         "attachReporting":true,"customIds":["DN-10042","DN-10043","DN-10044"]}
        """;

    private static JsonElement Json(CrmMail.Lambda.APIGatewayEvents.APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    private static SendMailHarness WithReports()
    {
        var harness = new SendMailHarness();
        harness.Reports.Objects["2025/08/DN-10042.pdf"] = 1_234_567;
        harness.Reports.Objects["2025/08/DN-10043.pdf"] = 2_048;
        harness.Reports.Objects["2025/08/DN-10044.pdf"] = 300;
        return harness;
    }

    [Fact]
    public async Task Post_FinancialWithReports_SendsOneMessagePerRecipientWithSignedLinksAndUnsubscribe()
    {
        var sut = WithReports();

        var response = await sut.PostAsync(Financial);

        Assert.Equal(200, response.StatusCode);
        var json = Json(response);
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal(["sent", "sent"], json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(1, sut.Signer.Calls);
        var messages = sut.Recording.Sent.OrderBy(m => m.To, StringComparer.Ordinal).ToList();
        Assert.Equal(2, messages.Count);
        var first = messages.Single(m => m.To == "payee@example.com");
        Assert.StartsWith("<p>Hello</p>", first.Html, StringComparison.Ordinal);
        Assert.Contains("Download your reports", first.Html, StringComparison.Ordinal);
        Assert.Contains("DN-10042.pdf</a> (1.2 MB, link valid until 18 December 2026)", first.Html, StringComparison.Ordinal);
        Assert.Contains("https://d111111abcdef8.cloudfront.net/2025/08/DN-10043.pdf?Expires=", first.Text, StringComparison.Ordinal);
        // The same signed links go to every recipient (signed once per request).
        var link = first.Text.Split('\n').First(l => l.Contains("DN-10044", StringComparison.Ordinal));
        Assert.Contains(link, messages[1].Text, StringComparison.Ordinal);

        var listUnsubscribe = first.Headers.Single(h => h.Name == "List-Unsubscribe").Value;
        Assert.Matches(@"^<https://api\.example\.com/prod/financial/unsubscribe\?data=[A-Za-z0-9_-]+>, <mailto:unsubscribe@mail\.example\.com\?subject=unsubscribe%20[A-Za-z0-9_-]+>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", first.Headers.Single(h => h.Name == "List-Unsubscribe-Post").Value);
        var token = listUnsubscribe[(listUnsubscribe.IndexOf("data=", StringComparison.Ordinal) + 5)..listUnsubscribe.IndexOf('>', StringComparison.Ordinal)];
        var opened = await sut.Subscriptions.Services.Tokens.OpenAsync(token, TokenPurpose.Unsubscribe, default);
        Assert.Equal("payee@example.com", opened.Payload!.Email);
        Assert.Equal("financial", opened.Payload.Topic);
        Assert.Contains(token, listUnsubscribe[(listUnsubscribe.IndexOf("mailto:", StringComparison.Ordinal))..], StringComparison.Ordinal);
        Assert.Contains("/financial/unsubscribe?data=" + token, first.Text, StringComparison.Ordinal);

        Assert.Equal("support@example.com", first.ReplyTo);
        Assert.Equal("Reports <reports@example.com>", first.From);
        Assert.Contains(new MailTag("campaign", "Statements_2025_08"), first.Tags);
        Assert.Contains(new MailTag("stream", "financial"), first.Tags);
        var recipientTag = first.Tags.Single(t => t.Name == "recipient").Value;
        Assert.DoesNotContain("payee", recipientTag, StringComparison.Ordinal);
        Assert.Equal(sut.Subscriptions.Services.Hasher.Hash("payee@example.com"), recipientTag);
    }

    [Fact]
    public async Task Post_UnsubscribedRecipient_IsSuppressedWithAnAuditRow()
    {
        var sut = WithReports();
        await sut.Subscriptions.Services.Subscriptions.UnsubscribeAsync("second@example.com", Topics.Financial, new AuditContext { EventId = "setup", Source = AuditSource.Get }, default);

        var response = await sut.PostAsync(Financial);

        Assert.Equal(200, response.StatusCode);
        var results = Json(response).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("suppressed", results.Single(r => r.GetProperty("email").GetString() == "second@example.com").GetProperty("status").GetString());
        Assert.Single(sut.Recording.Sent);
        var row = sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Suppress);
        Assert.Equal(AuditSource.SendGate, row.Context.Source);
        Assert.Equal("second@example.com", row.Email);
    }

    [Fact]
    public async Task Post_NewRecipient_IsCreatedWithDefaultsAndAudited()
    {
        var sut = WithReports();

        await sut.PostAsync(Financial);

        Assert.NotNull(sut.Subscriptions.Contacts["payee@example.com"]);
        Assert.Equal(2, sut.Subscriptions.Audit.Rows.Count(r => r.Action == AuditAction.Add && r.Context.Source == AuditSource.SendGate));
    }

    [Fact]
    public async Task Post_MissingReport_Is422NamingItAndSendsNothing()
    {
        var sut = WithReports();
        sut.Reports.Objects.TryRemove("2025/08/DN-10043.pdf", out _);

        var response = await sut.PostAsync(Financial);

        Assert.Equal(422, response.StatusCode);
        var details = Json(response).GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("message").GetString());
        Assert.Equal(["DN-10043"], details);
        Assert.Empty(sut.Recording.Sent);
        Assert.Equal(0, sut.Signer.Calls);
    }

    [Fact]
    public async Task Post_OneOfThreeFails_Is207WithTheFailureReported()
    {
        var sut = new SendMailHarness();
        sut.Recording.FailFor.Add("b@example.com");

        var response = await sut.PostAsync("""{"to":["a@example.com","b@example.com","c@example.com"],"subject":"News","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(207, response.StatusCode);
        var json = Json(response);
        Assert.False(json.GetProperty("success").GetBoolean());
        var failed = json.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("status").GetString() == "failed");
        Assert.Equal("b@example.com", failed.GetProperty("email").GetString());
        // A code and a sentence, never the provider's text (it can name the address or an endpoint).
        Assert.Equal("transport_rejected", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("suppression list", response.Body!, StringComparison.Ordinal);
        Assert.Equal(2, sut.Recording.Sent.Count);
        Assert.All(sut.Recording.Sent, m => Assert.Contains("/outreach/unsubscribe?data=", m.Headers[0].Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_AllFail_Is502()
    {
        var sut = new SendMailHarness();
        sut.Recording.FailFor.Add("a@example.com");

        var response = await sut.PostAsync("""{"to":["a@example.com"],"subject":"News","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(502, response.StatusCode);
    }

    [Theory]
    [InlineData("subject", "\"Hi\\r\\nBcc: victim@example.com\"")]
    [InlineData("from", "\"reports@example.com\\r\\nBcc: victim@example.com\"")]
    [InlineData("replyTo", "\"a@example.com\\nX-Evil: 1\"")]
    [InlineData("from", "\"Evil <a@example.com>, other@example.com\"")]
    public async Task Post_HeaderInjection_Is400NamingTheFieldAndSendsNothing(string field, string value)
    {
        var sut = new SendMailHarness();
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"to":["a@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""")!;
        body[field] = JsonDocument.Parse(value).RootElement;

        var response = await sut.PostAsync(JsonSerializer.Serialize(body));

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(Json(response).GetProperty("error").GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
        Assert.Empty(sut.Recording.Sent);
    }

    [Fact]
    public async Task Post_EverythingWrong_ListsEveryFieldError()
    {
        var sut = new SendMailHarness();

        var response = await sut.PostAsync("""{"to":["not-an-address"],"subject":"","from":"x","campaign":{"type":"spam"},"attachReporting":true,"month":"13","year":"25","customIds":["../etc/passwd"]}""");

        Assert.Equal(400, response.StatusCode);
        var fields = Json(response).GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "to[0]", "subject", "from", "html", "text", "campaign.type", "campaign.name", "month", "year", "customIds[0]" }, fields);
    }

    [Fact]
    public async Task Post_TooManyRecipients_Is413()
    {
        var sut = new SendMailHarness(maxRecipients: 2);

        var response = await sut.PostAsync("""{"to":["a@example.com","b@example.com","c@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(413, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public async Task Post_NotAJsonObject_Is400(string body)
        => Assert.Equal(400, (await new SendMailHarness().PostAsync(body)).StatusCode);

    [Fact]
    public async Task Post_IdnRecipient_IsSentToThePunycodeAddress()
    {
        var sut = new SendMailHarness();

        // A non-ASCII local part needs SMTPUTF8, which SES does not offer: refused up front.
        var refused = await sut.PostAsync("""{"to":["käufer@bücher.example"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(400, refused.StatusCode);
        Assert.Empty(sut.Recording.Sent);
        var response = await sut.PostAsync("""{"to":["kaeufer@bücher.example"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("kaeufer@xn--bcher-kva.example", Assert.Single(sut.Recording.Sent).To);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_SendsOnceAndReplaysTheAnswer()
    {
        var sut = WithReports();
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "campaign-42" };

        var first = await sut.PostAsync(Financial, headers);
        var second = await sut.PostAsync(Financial, headers);
        var different = await sut.PostAsync(Financial.Replace("Hello", "Bye", StringComparison.Ordinal), headers);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Headers!["Idempotent-Replayed"]);
        Assert.Equal(2, sut.Recording.Sent.Count);
        Assert.Equal(422, different.StatusCode);
    }

    [Fact]
    public async Task Post_ConcurrentDuplicate_Is409()
    {
        const string body = """{"to":["a@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""";
        var store = new TestSupport.InMemoryIdempotencyStore();
        // The first request with this key and body is still running.
        await store.ClaimAsync("anonymous:k1", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), default);
        var sut = new SendMailHarness(idempotency: store);

        var response = await sut.PostAsync(body, new Dictionary<string, string> { ["Idempotency-Key"] = "k1" });

        Assert.Equal(409, response.StatusCode);
        Assert.Empty(sut.Recording.Sent);
    }

    [Fact]
    public async Task Compose_LongestAddress_KeepsListUnsubscribeWithin870WithoutTheMailtoToken()
    {
        var sut = new SendMailHarness();
        var local = new string('l', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 61), 3)) + ".example.com";
        var address = local + "@" + domain[..(254 - 65)];
        Assert.Equal(254, address.Length);

        var response = await sut.PostAsync($$$"""{"to":["{{{address}}}"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        Assert.Equal(200, response.StatusCode);
        var header = Assert.Single(sut.Recording.Sent).Headers.Single(h => h.Name == "List-Unsubscribe").Value;
        Assert.True(header.Length <= ListUnsubscribe.MaxHeaderValue, header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("<mailto:unsubscribe@mail.example.com?subject=unsubscribe>", header, StringComparison.Ordinal);
        Assert.StartsWith("<https://api.example.com/prod/outreach/unsubscribe?data=", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_SesOwnsListUnsubscribe_NoHeadersOfOurs()
    {
        var sut = new SendMailHarness(suiteOwnsHeaders: false);

        await sut.PostAsync("""{"to":["a@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""");

        var message = Assert.Single(sut.Recording.Sent);
        Assert.Empty(message.Headers);
        Assert.Contains("/outreach/unsubscribe?data=", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_InsertedValues_AreHtmlEncoded()
    {
        var composer = new MessageComposer(new ListUnsubscribe(new Uri("https://api.example.com/prod"), "u@example.com"), new PiiHasher(new byte[16]), true);
        var command = new Mail.Validation.SendMailCommand(["a@example.com"], "n@example.com", null, "S", "<b>crm</b>", "crm", "n", Mail.Validation.CampaignType.Newsletter, null);
        var link = new Mail.Reports.ReportLink("x", "a&b<script>.pdf", 10, new Uri("https://d.example.net/a.pdf?Expires=1&Signature=a~b&Key-Pair-Id=K"), DateTimeOffset.UnixEpoch);

        var message = composer.Compose(command, "a@example.com", "tok\"<>", [link]);

        Assert.StartsWith("<b>crm</b>", message.Html, StringComparison.Ordinal);
        Assert.Contains("a&amp;b&lt;script&gt;.pdf", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.Html, StringComparison.Ordinal);
        Assert.Contains("&amp;Signature=", message.Html, StringComparison.Ordinal);
        Assert.Contains("data=tok&quot;&lt;&gt;", message.Html, StringComparison.Ordinal);
        Assert.Equal("https://d.example.net/a.pdf?Expires=1&Signature=a~b&Key-Pair-Id=K", HttpUtility.HtmlDecode(message.Html.Split("href=\"")[1].Split('"')[0]));
    }
}
