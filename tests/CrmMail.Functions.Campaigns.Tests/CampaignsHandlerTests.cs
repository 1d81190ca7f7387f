using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Lambda.Core;
using CrmMail.Routes;

namespace CrmMail.Functions.Campaigns.Tests;

/// <summary>Every route of the campaign API over DynamoDB, S3 and SQS at moto.</summary>
[Trait("Category", "Integration")]
public sealed class CampaignsHandlerTests(CampaignsMoto moto) : IClassFixture<CampaignsMoto>
{
    private const string Content = "\"subject\":\"November statement\",\"html\":\"<p>Hi</p>\",\"text\":\"Hi\",\"from\":\"Reports <reports@mail.example.com>\",\"campaign\":{\"name\":\"nov\",\"type\":\"financial\"}";

    // Rule: the catalogue's documented defaults (CAMPAIGN_MAX_RECIPIENTS 10,000 inline, 100,000 in a list).
    [Fact]
    public void Load_Defaults_AreTheDocumentedOnes()
    {
        var sut = CampaignsSettings.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["REPORTS_BUCKET"] = "r",
            ["CLOUDFRONT_DOMAIN"] = "d.cloudfront.net",
            ["CLOUDFRONT_PRIVATE_KEY_SECRET"] = "s",
            ["IDEMPOTENCY_TABLE"] = "i",
            ["CAMPAIGNS_TABLE"] = "c",
            ["CAMPAIGN_BUCKET"] = "b",
            ["CAMPAIGN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/1/q",
            ["CAMPAIGN_PLAN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/1/p",
        }));

        Assert.Equal(10_000, sut.MaxRecipients);
        Assert.Equal(100_000, sut.ListMaxRecipients);
    }

    // Rule: POST /campaigns stores a queued campaign (distinct recipients, creator, content in S3) and hands {"campaignId"} to the plan queue; 202 with the status URL.
    [Fact]
    public async Task Create_InlineRecipients_Returns202StoredQueuedAndHandedToThePlanner()
    {
        var world = await CampaignsWorld.CreateAsync(moto);

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"to\":[\"a@example.com\",\"B@Example.com\",\"a@example.com\"]," + Content + "}"));

        Assert.Equal(202, response.StatusCode);
        using var reply = JsonDocument.Parse(response.Body!);
        var id = reply.RootElement.GetProperty("campaignId").GetString()!;
        Assert.Equal("queued", reply.RootElement.GetProperty("status").GetString());
        Assert.Equal("/campaigns/" + id, reply.RootElement.GetProperty("statusUrl").GetString());
        var stored = await world.Store.GetAsync(id, default);
        Assert.Equal(CampaignState.Queued, stored!.State);
        Assert.Equal(CampaignCounts.Start(2), stored.Counts);
        Assert.Equal(CampaignsWorld.Owner, stored.CreatedBy);
        Assert.Equal(["{\"campaignId\":\"" + id + "\"}"], await world.ReceiveAsync(world.PlanQueue));
    }

    // Rule: every field error comes in one 400 (the send-mail validator's), nothing stored or launched.
    [Fact]
    public async Task Create_SeveralBadFields_Returns400ListingEach()
    {
        var world = await CampaignsWorld.CreateAsync(moto);

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"to\":[\"ok@example.com\",\"not an address\"],\"subject\":\"\",\"html\":\"<p>x</p>\",\"text\":\"x\",\"from\":\"r@mail.example.com\",\"campaign\":{\"name\":\"n\",\"type\":\"weekly\"}}"));

        Assert.Equal(400, response.StatusCode);
        var fields = Details(response).Select(d => d.Field).ToList();
        Assert.Contains("to[1]", fields);
        Assert.Contains("subject", fields);
        Assert.Contains("campaign.type", fields);
        Assert.Empty(await world.ReceiveAsync(world.PlanQueue));
    }

    // Rule: inline recipients are limited by CAMPAIGN_MAX_RECIPIENTS after de-duplication: 413 too_many_recipients.
    [Fact]
    public async Task Create_OverTheInlineLimit_Returns413()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var to = string.Join(",", Enumerable.Range(0, 6).Select(i => $"\"p{i}@example.com\""));

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"to\":[" + to + "]," + Content + "}"));

        Assert.Equal(413, response.StatusCode);
        Assert.Contains("too_many_recipients", response.Body, StringComparison.Ordinal);
    }

    // Rule: POST /campaigns/uploads presigns a PUT under the caller's prefix; the list PUT there (CSV with header) becomes the campaign's recipients.
    [Fact]
    public async Task Upload_PresignedPutThenCreate_TheListBecomesTheRecipients()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var key = await UploadAsync(world, "email\r\np1@example.com\r\n\"p2@example.com\"\r\nP1@example.com\r\n");

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"recipientsS3Key\":\"" + key + "\"," + Content + "}"));

        Assert.Equal(202, response.StatusCode);
        using var reply = JsonDocument.Parse(response.Body!);
        var stored = await world.Store.GetAsync(reply.RootElement.GetProperty("campaignId").GetString()!, default);
        Assert.Equal(2, stored!.Counts.Total);
    }

    // Rule: bad rows of an uploaded list are listed with their line numbers, beside the other fields' errors, in one 400.
    [Fact]
    public async Task Create_ListWithBadRows_Returns400NamingEachLine()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var key = await UploadAsync(world, "{\"email\":\"p1@example.com\"}\n{\"email\":\"broken\"}\nnot json\n{\"email\":\"p4@example.com\",\"customIds\":[\"bad id!\"]}\n");

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"recipientsS3Key\":\"" + key + "\"," + Content.Replace("\"subject\":\"November statement\"", "\"subject\":\"\"", StringComparison.Ordinal) + "}"));

        Assert.Equal(400, response.StatusCode);
        var messages = Details(response).Select(d => d.Field + ": " + d.Message).ToList();
        Assert.Contains(messages, m => m.StartsWith("recipientsS3Key: Line 2:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("recipientsS3Key: Line 3:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("recipientsS3Key: Line 4:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("subject:", StringComparison.Ordinal));
    }

    // Rule: a caller can only name its own uploads as recipientsS3Key (not another key's upload, not the campaigns' own objects).
    [Fact]
    public async Task Create_AnotherCallersUpload_Returns400()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var key = await UploadAsync(world, "p1@example.com\n");

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"recipientsS3Key\":\"" + key + "\"," + Content + "}", apiKeyId: "key-other"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("recipientsS3Key", Assert.Single(Details(response)).Field);
    }

    // Rule: the same Idempotency-Key and body replays the first 202; only one campaign is launched.
    [Fact]
    public async Task Create_SameIdempotencyKey_ReplaysTheFirstAnswer()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var body = "{\"to\":[\"a@example.com\"]," + Content + "}";
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "nov-run-1" };

        var first = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: body, headers: headers));
        var second = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: body, headers: headers));

        Assert.Equal(202, second.StatusCode);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Headers!["Idempotent-Replayed"]);
        Assert.Single(await world.ReceiveAsync(world.PlanQueue));
    }

    // Rule: an uploaded list is identified by its content: the same list uploaded again under a new key, with the same
    // Idempotency-Key, replays the first 202 (a client's retry launches nothing twice); another list under that key is 422.
    [Fact]
    public async Task Create_SameListUploadedAgainUnderTheSameIdempotencyKey_ReplaysAndAnotherListIs422()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        const string List = "email\np1@example.com\np2@example.com\n";
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "nov-upload-1" };
        string Body(string key) => "{\"recipientsS3Key\":\"" + key + "\"," + Content + "}";

        var firstKey = await UploadAsync(world, List);
        var first = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: Body(firstKey), headers: headers));
        var againKey = await UploadAsync(world, List);
        var again = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: Body(againKey), headers: headers));
        var otherKey = await UploadAsync(world, List + "p3@example.com\n");
        var other = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: Body(otherKey), headers: headers));

        Assert.Equal(202, first.StatusCode);
        Assert.NotEqual(firstKey, againKey);
        Assert.Equal((202, first.Body), (again.StatusCode, again.Body));
        Assert.Equal("true", again.Headers!["Idempotent-Replayed"]);
        Assert.Equal(422, other.StatusCode);
        Assert.Single(await world.ReceiveAsync(world.PlanQueue));
    }

    // Rule: reports are checked up front; a missing one is 422 reports_missing and nothing is launched.
    [Fact]
    public async Task Create_ReportMissing_Returns422AndLaunchesNothing()
    {
        var world = await CampaignsWorld.CreateAsync(moto);

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"to\":[\"a@example.com\"]," + Content + ",\"attachReporting\":true,\"customIds\":[\"DN-1\"],\"month\":\"08\",\"year\":\"2025\"}"));

        Assert.Equal(422, response.StatusCode);
        Assert.Empty(await world.ReceiveAsync(world.PlanQueue));
    }

    // Rule: report links are signed once for the whole campaign and stored with its content.
    [Fact]
    public async Task Create_WithReports_SignsTheLinksOnce()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        world.Reports.Objects["2025/08/DN-1.pdf"] = 10;

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"to\":[\"a@example.com\",\"b@example.com\"]," + Content + ",\"attachReporting\":true,\"customIds\":[\"DN-1\"],\"month\":\"08\",\"year\":\"2025\"}"));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(1, world.Signer.Calls);
    }

    // Rule: GET /campaigns/{id} shows state, counts, progress, times and failures by reason to its creator.
    [Fact]
    public async Task Get_Creator_SeesCountsProgressAndFailuresByReason()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var id = await CreateAsync(world, 4);
        await world.Store.RecordAsync(id, new CampaignRecipient(0, "a0@example.com"), new RecipientRecord(RecipientStatus.Sent, MessageId: "m0"), world.Time.GetUtcNow(), default);
        await world.Store.RecordAsync(id, new CampaignRecipient(1, "a1@example.com"), new RecipientRecord(RecipientStatus.Failed, ErrorCode: "rejected"), world.Time.GetUtcNow(), default);
        await world.Store.RecordAsync(id, new CampaignRecipient(2, "a2@example.com"), new RecipientRecord(RecipientStatus.Failed, ErrorCode: "rejected"), world.Time.GetUtcNow(), default);

        var response = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Campaign, id));

        Assert.Equal(200, response.StatusCode);
        using var reply = JsonDocument.Parse(response.Body!);
        var root = reply.RootElement;
        Assert.Equal("queued", root.GetProperty("status").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("pending").GetInt64());
        Assert.Equal(0.75, root.GetProperty("progress").GetDouble());
        Assert.Equal("2026-11-30T12:00:00Z", root.GetProperty("createdAt").GetString());
        var failure = Assert.Single(root.GetProperty("failures").EnumerateArray());
        Assert.Equal("rejected", failure.GetProperty("reason").GetString());
        Assert.Equal(2, failure.GetProperty("count").GetInt64());
    }

    // Rule: another API key gets 404 (not 403) for an existing campaign, on every route, so ids never leak.
    [Fact]
    public async Task Routes_AnotherApiKey_Get404()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var id = await CreateAsync(world, 2);

        var status = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Campaign, id, apiKeyId: "key-other"));
        var list = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Recipients, id, apiKeyId: "key-other", query: new Dictionary<string, string> { ["status"] = "sent" }));
        var cancel = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Cancel, id, apiKeyId: "key-other"));

        Assert.Equal([404, 404, 404], new[] { status.StatusCode, list.StatusCode, cancel.StatusCode });
        Assert.Equal(CampaignState.Queued, (await world.Store.GetAsync(id, default))!.State);
    }

    // Rule: recipients pages list one result with addresses, in index order, and the nextToken continues where the page stopped.
    [Fact]
    public async Task Recipients_FailedPages_ContinueWithNextToken()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var total = CampaignsSettings.PageSize + 10;
        var id = await CreateAsync(world, total);
        for (var i = 0; i < total; i++)
        {
            var record = i % 20 != 7 ? new RecipientRecord(RecipientStatus.Failed, ErrorCode: "rejected") : new RecipientRecord(RecipientStatus.Sent, MessageId: "m" + i);
            await world.Store.RecordAsync(id, new CampaignRecipient(i, $"p{i}@example.com"), record, world.Time.GetUtcNow(), default);
        }

        var indexes = new List<int>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = new Dictionary<string, string> { ["status"] = "failed" };
            if (token is not null)
            {
                query["nextToken"] = token;
            }

            var response = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Recipients, id, query: query));
            Assert.Equal(200, response.StatusCode);
            using var reply = JsonDocument.Parse(response.Body!);
            foreach (var row in reply.RootElement.GetProperty("recipients").EnumerateArray())
            {
                indexes.Add(row.GetProperty("index").GetInt32());
                Assert.Equal($"p{row.GetProperty("index").GetInt32()}@example.com", row.GetProperty("email").GetString());
                Assert.Equal("rejected", row.GetProperty("error").GetString());
            }

            token = reply.RootElement.GetProperty("nextToken").GetString();
            pages++;
        }
        while (token is not null && pages < 5);

        Assert.Equal(Enumerable.Range(0, total).Where(i => i % 20 != 7), indexes);
        Assert.True(pages >= 2);
    }

    // Rule: a nextToken that is not one the pages gave (edited, or past the list) is 400 invalid_next_token; a missing status is 400.
    [Fact]
    public async Task Recipients_TamperedTokenOrNoStatus_Return400()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var id = await CreateAsync(world, 3);

        var edited = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Recipients, id, query: new Dictionary<string, string> { ["status"] = "sent", ["nextToken"] = "cjk5OQ" }));
        var garbage = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Recipients, id, query: new Dictionary<string, string> { ["status"] = "sent", ["nextToken"] = "!!" }));
        var noStatus = await world.SendAsync(CampaignsWorld.Request("GET", CampaignPaths.Recipients, id));

        Assert.Equal([400, 400, 400], new[] { edited.StatusCode, garbage.StatusCode, noStatus.StatusCode });
        Assert.Contains("invalid_next_token", edited.Body, StringComparison.Ordinal);
        Assert.Contains("invalid_status", noStatus.Body, StringComparison.Ordinal);
    }

    // Rule: pause then resume: the batches parked while paused go back on the campaign queue and their parked copies are deleted.
    [Fact]
    public async Task PauseThenResume_RequeuesTheParkedBatches()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var id = await CreateAsync(world, 4);
        await world.Store.TransitionAsync(id, [CampaignState.Queued], CampaignState.Sending, world.Time.GetUtcNow(), 2, default);

        var paused = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Pause, id));
        await world.Store.ParkAsync(new CampaignBatch(id, 1, [new CampaignRecipient(2, "p2@example.com"), new CampaignRecipient(3, "p3@example.com")]), world.Time.GetUtcNow(), default);
        var resumed = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Resume, id));

        Assert.Equal(200, paused.StatusCode);
        Assert.Contains("\"status\":\"paused\"", paused.Body, StringComparison.Ordinal);
        Assert.Equal(200, resumed.StatusCode);
        Assert.Equal("{\"campaignId\":\"" + id + "\",\"status\":\"sending\",\"requeued\":1}", resumed.Body);
        var queued = Assert.Single(await world.ReceiveAsync(world.CampaignQueue));
        Assert.Equal(1, JsonSerializer.Deserialize(queued, CampaignJsonContext.Default.CampaignBatch)!.Number);
        Assert.Empty(await world.Store.ListParkedAsync(id, default));
        Assert.Equal(CampaignState.Sending, (await world.Store.GetAsync(id, default))!.State);
    }

    // Rule: a transition the state does not allow is 409 with the current state (pause of a queued campaign, resume or cancel of a cancelled one).
    [Fact]
    public async Task Control_InvalidTransition_Returns409WithTheCurrentState()
    {
        var world = await CampaignsWorld.CreateAsync(moto);
        var id = await CreateAsync(world, 2);

        var pause = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Pause, id));
        var cancel = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Cancel, id));
        var resume = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Resume, id));
        var again = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Cancel, id));

        Assert.Equal(409, pause.StatusCode);
        Assert.Equal("queued", Assert.Single(Details(pause)).Message);
        Assert.Equal(200, cancel.StatusCode);
        Assert.Equal(409, resume.StatusCode);
        Assert.Equal("cancelled", Assert.Single(Details(resume)).Message);
        Assert.Equal(409, again.StatusCode);
    }

    // Rule: a request without an API key id cannot own or see campaigns: 403.
    [Fact]
    public async Task Routes_NoApiKeyId_Return403()
    {
        var world = await CampaignsWorld.CreateAsync(moto);

        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Uploads, apiKeyId: null));

        Assert.Equal(403, response.StatusCode);
    }

    private static async Task<string> UploadAsync(CampaignsWorld world, string list)
    {
        var ticket = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Uploads));
        Assert.Equal(201, ticket.StatusCode);
        using var reply = JsonDocument.Parse(ticket.Body!);
        var key = reply.RootElement.GetProperty("key").GetString()!;
        Assert.StartsWith(CampaignKeys.UploadPrefix(CampaignsWorld.Owner), key, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var content = new StringContent(list, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var put = await http.PutAsync(new Uri(reply.RootElement.GetProperty("url").GetString()!), content);
        Assert.True(put.IsSuccessStatusCode, "presigned PUT: " + (int)put.StatusCode);
        return key;
    }

    private static async Task<string> CreateAsync(CampaignsWorld world, int count)
    {
        if (count > 5)
        {
            // More rows than this world's inline limit: stored directly, as the API would store a list's campaign.
            var stored = CampaignIds.New(System.Security.Cryptography.RandomNumberGenerator.Create());
            Assert.True(await world.Store.CreateAsync(new Campaign
            {
                Id = stored,
                State = CampaignState.Queued,
                Counts = CampaignCounts.Start(count),
                CreatedAt = world.Time.GetUtcNow(),
                CreatedBy = CampaignsWorld.Owner,
                ContentKey = CampaignKeys.Content(stored),
                RecipientsKey = CampaignKeys.Recipients(stored),
            }, default));
            return stored;
        }

        var to = string.Join(",", Enumerable.Range(0, count).Select(i => $"\"p{i}@example.com\""));
        var response = await world.SendAsync(CampaignsWorld.Request("POST", CampaignPaths.Campaigns, body: "{\"to\":[" + to + "]," + Content + "}"));
        Assert.Equal(202, response.StatusCode);
        using var reply = JsonDocument.Parse(response.Body!);
        return reply.RootElement.GetProperty("campaignId").GetString()!;
    }

    private static List<(string Field, string Message)> Details(CrmMail.Lambda.APIGatewayEvents.APIGatewayProxyResponse response)
    {
        using var body = JsonDocument.Parse(response.Body!);
        return [.. body.RootElement.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => (d.GetProperty("field").GetString()!, d.GetProperty("message").GetString()!))];
    }
}
