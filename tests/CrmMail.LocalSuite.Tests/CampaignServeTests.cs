using System.Net;
using System.Text.Json;

namespace CrmMail.LocalSuite.Tests;

/// <summary>serve runs the campaign engine: the demo form launches a campaign, the planner and senders work it through the queue stand-in, the outbox fills and the page follows.</summary>
public sealed class CampaignServeTests : IAsyncLifetime
{
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    [Fact]
    public async Task DemoForm_ThreeRecipients_CompletesWithEachSentOnceIntoTheOutbox()
    {
        // Rule: a launched campaign is planned, sent through serve's outbox transport once per distinct recipient, and completes.
        using var response = await StartDemoAsync("email\nPayee1@example.com\npayee2@example.com\npayee1@example.com\npayee3@example.com");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        // The form went through the campaign API, which chose the id.
        Assert.StartsWith("/campaigns/", location, StringComparison.Ordinal);
        using (var viaApi = new HttpRequestMessage(HttpMethod.Get, "local" + location))
        {
            viaApi.Headers.Add("x-api-key", _suite.Suite.Data.ApiKey);
            using var answer = await _suite.Http.SendAsync(viaApi);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        var status = await WaitForFinalAsync(location);
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(3, status.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(3, status.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(0, status.GetProperty("counts").GetProperty("pending").GetInt32());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());

        var to = Directory.GetFiles(_suite.Suite.Data.Outbox, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(3, to.Count);
        Assert.All(["payee1@example.com", "payee2@example.com", "payee3@example.com"], a => Assert.Single(to, m => m.Contains("To: " + a, StringComparison.OrdinalIgnoreCase)));
        // send-mail's per-recipient rules ran: the suite's List-Unsubscribe headers.
        Assert.All(to, m => Assert.Contains("List-Unsubscribe:", m, StringComparison.Ordinal));

        var page = await _suite.PageAsync(location.TrimStart('/'));
        Assert.Contains("<progress id=\"progress\"", page, StringComparison.Ordinal);
        Assert.Contains("location.pathname+'/status'", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", page, StringComparison.Ordinal);
        var list = await _suite.PageAsync("campaigns");
        Assert.Contains(location, list, StringComparison.Ordinal);
        Assert.DoesNotContain("payee1@example.com", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoForm_BadAddresses_AnswersBadRequestNamingTheLines()
    {
        // Rule: the demo form refuses a list with a bad address, naming its line, and starts nothing.
        using var response = await StartDemoAsync("ok@example.com\nnot-an-address");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("line 2: not an email address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("No campaigns yet", await _suite.PageAsync("campaigns"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoForm_SenderTheApiRefuses_ShowsTheApisDetails()
    {
        // Rule: the demo form goes through POST /campaigns, so the API's validation answers it: a bad sender is refused with the API's detail, and nothing starts.
        using var response = await StartDemoAsync("ok@example.com", from: "not a sender");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from: Not a valid sender", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("No campaigns yet", await _suite.PageAsync("campaigns"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownCampaign_AnswersNotFoundWithTheErrorBody()
    {
        // Rule: an unknown (or malformed) campaign id is a 404 with the JSON error body, never a stack trace.
        foreach (var id in new[] { "demo-0000", "..%2Fx" })
        {
            using var response = await _suite.Http.GetAsync("campaigns/" + id + "/status");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var body = await SuiteHarness.JsonAsync(response);
            Assert.Equal("not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        }
    }

    private async Task<HttpResponseMessage> StartDemoAsync(string recipients, string from = "reports@example.com")
        => await _suite.Http.PostAsync("campaigns/demo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["recipients"] = recipients,
            ["from"] = from,
            ["subject"] = "Statement",
            ["text"] = "Hello",
        }));

    private Task<JsonElement> WaitForFinalAsync(string location)
        => SuiteHarness.UntilCampaignFinalAsync(() => _suite.Http.GetAsync(location.TrimStart('/') + "/status"));
}
