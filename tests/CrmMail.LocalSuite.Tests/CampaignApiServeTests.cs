using System.Net;
using System.Text;
using System.Text.Json;

namespace CrmMail.LocalSuite.Tests;

/// <summary>
/// serve hosts the campaign API behind its API Gateway stand-in: POST /campaigns (inline or an
/// uploaded list through the presigned-PUT stand-in), GET /campaigns/{id}, each API key seeing
/// only its own campaigns; the engine sends into the outbox.
/// </summary>
public sealed class CampaignApiServeTests : IAsyncLifetime
{
    private const string OtherKey = "local-other-client-key";
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync(extraApiKeys: [OtherKey]);

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    [Fact]
    public async Task PostCampaigns_InlineRecipients_QueuedThenCompletedIntoTheOutbox()
    {
        // Rule: POST /campaigns through serve's gateway answers 202 queued, the engine sends each distinct recipient once, and GET /campaigns/{id} follows it to completed.
        using var response = await SendAsync(HttpMethod.Post, "local/campaigns", Body(["Payee1@example.com", "payee2@example.com", "payee1@example.com"]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var created = await SuiteHarness.JsonAsync(response);
        Assert.Equal("queued", created.RootElement.GetProperty("status").GetString());
        var id = created.RootElement.GetProperty("campaignId").GetString()!;
        Assert.Equal("/campaigns/" + id, created.RootElement.GetProperty("statusUrl").GetString());

        var status = await WaitForFinalAsync(id);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(2, status.GetProperty("counts").GetProperty("sent").GetInt32());
        var mails = Directory.GetFiles(_suite.Suite.Data.Outbox, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(["payee1@example.com", "payee2@example.com"], a => Assert.Single(mails, m => m.Contains("To: " + a, StringComparison.OrdinalIgnoreCase)));
        // The campaign page lists what the API created.
        Assert.Contains("/campaigns/" + id, await _suite.PageAsync("campaigns"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_PutCsvThenPostWithTheKey_Completes()
    {
        // Rule: a list goes end to end locally: POST /campaigns/uploads, PUT the CSV to the returned URL, POST /campaigns with recipientsS3Key, completed.
        var (key, url) = await UploadTicketAsync();
        using (var put = await _suite.Http.PutAsync(url, new StringContent("email\npayee1@example.com\n\"payee2@example.com\"\npayee3@example.com\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var response = await SendAsync(HttpMethod.Post, "local/campaigns", Body(null, key));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var created = await SuiteHarness.JsonAsync(response);
        var status = await WaitForFinalAsync(created.RootElement.GetProperty("campaignId").GetString()!);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(3, status.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(3, Directory.GetFiles(_suite.Suite.Data.Outbox, "*.eml").Length);
    }

    [Fact]
    public async Task Uploads_BadCsvRow_AnswersBadRequestNamingTheLine()
    {
        // Rule: an uploaded list's bad row is refused with the API's 400, naming its line, and nothing is sent.
        var (key, url) = await UploadTicketAsync();
        using (var put = await _suite.Http.PutAsync(url, new StringContent("email\nok@example.com\nnot-an-address\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var response = await SendAsync(HttpMethod.Post, "local/campaigns", Body(null, key));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Line 3:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_suite.Suite.Data.Outbox, "*.eml"));
    }

    [Fact]
    public async Task UploadPut_TamperedSignature_Forbidden()
    {
        // Rule: the upload stand-in accepts only the URL serve signed: another key under the same signature is 403 and nothing is written.
        var (key, url) = await UploadTicketAsync();
        var tampered = url.Replace(key, key + "x", StringComparison.Ordinal);
        using var put = await _suite.Http.PutAsync(tampered, new StringContent("email\npayee1@example.com\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("AccessDenied", await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_suite.Root, "campaigns", (key + "x").Replace('/', Path.DirectorySeparatorChar))));

        var badSignature = url[..^4] + (url[^4..] == "0000" ? "1111" : "0000");
        using var second = await _suite.Http.PutAsync(badSignature, new StringContent("email\npayee1@example.com\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }

    [Fact]
    public async Task UploadPut_AfterFifteenMinutes_Forbidden()
    {
        // Rule: an upload URL expires after 15 minutes, as S3CampaignUploads' presigned PUT does.
        var (_, url) = await UploadTicketAsync();
        _suite.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var put = await _suite.Http.PutAsync(url, new StringContent("email\npayee1@example.com\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    [Fact]
    public async Task GetCampaign_AnotherApiKey_NotFound()
    {
        // Rule: a campaign is visible only to the API key that created it; another valid key gets 404, as for one that does not exist.
        using var response = await SendAsync(HttpMethod.Post, "local/campaigns", Body(["payee1@example.com"]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var created = await SuiteHarness.JsonAsync(response);
        var id = created.RootElement.GetProperty("campaignId").GetString()!;

        using var other = await SendAsync(HttpMethod.Get, "local/campaigns/" + id, null, OtherKey);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var own = await SendAsync(HttpMethod.Get, "local/campaigns/" + id, null);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var none = await SendAsync(HttpMethod.Get, "local/campaigns/" + id, null, "not-a-key");
        Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        await WaitForFinalAsync(id);
    }

    private static string Body(string[]? to, string? recipientsKey = null)
    {
        var body = new Dictionary<string, object>
        {
            ["from"] = "reports@example.com",
            ["subject"] = "Your October statement",
            ["html"] = "<p>Hello!</p>",
            ["text"] = "Hello!",
            ["campaign"] = new Dictionary<string, string> { ["name"] = "monthly", ["type"] = "financial" },
            ["attachReporting"] = true,
            ["month"] = "10",
            ["year"] = "2026",
            ["customIds"] = new[] { "ACME-001" },
        };
        if (to is not null)
        {
            body["to"] = to;
        }

        if (recipientsKey is not null)
        {
            body["recipientsS3Key"] = recipientsKey;
        }

        return JsonSerializer.Serialize(body);
    }

    private async Task<(string Key, string Url)> UploadTicketAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "local/campaigns/uploads", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var ticket = await SuiteHarness.JsonAsync(response);
        var url = ticket.RootElement.GetProperty("url").GetString()!;
        Assert.StartsWith(_suite.Suite.BaseUrl + "campaign-bucket/uploads/", url, StringComparison.Ordinal);
        return (ticket.RootElement.GetProperty("key").GetString()!, url);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("x-api-key", apiKey ?? _suite.Suite.Data.ApiKey);
        return await _suite.Http.SendAsync(request);
    }

    private Task<JsonElement> WaitForFinalAsync(string id)
        => SuiteHarness.UntilCampaignFinalAsync(() => SendAsync(HttpMethod.Get, "local/campaigns/" + id, null));
}
