using System.Net;
using System.Text.Json;
using CrmMail.Tests.Shared;

namespace CrmMail.LocalSuite.Tests;

/// <summary>
/// <c>serve --aws-endpoint</c> runs the campaign engine over the real AWS adapters at moto: the
/// table, bucket, queue and dead-letter queue provisioned as the stack makes them, the planner
/// sending batches with SendMessageBatch and the senders polling SQS through AWSSDK.SQS.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CampaignAwsEndpointTests : IAsyncLifetime
{
    private MotoServer _moto = null!;
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        _moto = await MotoServer.StartAsync();
        _suite = await SuiteHarness.StartAsync(awsEndpoint: _moto.Url);
    }

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
        await _moto.DisposeAsync();
    }

    [Fact]
    public async Task Provisioning_CampaignQueue_RedrivesToTheDeadLetterQueueAfterFiveReceives()
    {
        // Rule: the campaign queue is made as the stack makes it: a redrive policy to its DLQ after maxReceiveCount receives.
        var (code, stdout, stderr) = await _moto.Boto3Async("sqs", "u=c.get_queue_url(QueueName='crm-mail-local-campaigns')['QueueUrl'];print(c.get_queue_attributes(QueueUrl=u,AttributeNames=['RedrivePolicy'])['Attributes']['RedrivePolicy'])");
        Assert.True(code == 0, stderr);
        using var policy = JsonDocument.Parse(stdout);
        Assert.EndsWith(":crm-mail-local-campaigns-dlq", policy.RootElement.GetProperty("deadLetterTargetArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("5", policy.RootElement.GetProperty("maxReceiveCount").ToString());
    }

    [Fact]
    public async Task DemoForm_OverSqsDynamoDbAndS3_CompletesWithEachRecipientSentOnce()
    {
        // Rule: with --aws-endpoint the campaign goes through SQS, DynamoDB and S3 at the endpoint and every distinct recipient is sent once.
        using var response = await _suite.Http.PostAsync("campaigns/demo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["recipients"] = "payee1@example.com\npayee2@example.com\npayee3@example.com",
            ["from"] = "reports@example.com",
            ["subject"] = "Statement",
            ["text"] = "Hello",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var status = response.Headers.Location!.OriginalString.TrimStart('/') + "/status";
        JsonElement state = default;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var poll = await _suite.Http.GetAsync(status);
            using var body = await SuiteHarness.JsonAsync(poll);
            state = body.RootElement.Clone();
            if (state.GetProperty("status").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("completed", state.GetProperty("status").GetString());
        Assert.Equal(3, state.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(3, Directory.GetFiles(_suite.Suite.Data.Outbox, "*.eml").Length);
    }

    [Fact]
    public async Task Uploads_PresignedAtTheEndpointsS3_ListSentEndToEnd()
    {
        // Rule: with --aws-endpoint, POST /campaigns/uploads presigns a PUT at the endpoint's S3 (S3CampaignUploads), and the list put there is sent.
        using var ticketRequest = new HttpRequestMessage(HttpMethod.Post, "local/campaigns/uploads");
        ticketRequest.Headers.Add("x-api-key", _suite.Suite.Data.ApiKey);
        using var ticketResponse = await _suite.Http.SendAsync(ticketRequest);
        Assert.Equal(HttpStatusCode.Created, ticketResponse.StatusCode);
        using var ticket = await SuiteHarness.JsonAsync(ticketResponse);
        var url = ticket.RootElement.GetProperty("url").GetString()!;
        Assert.StartsWith(_moto.Url.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal);
        using (var put = await _suite.Http.PutAsync(url, new StringContent("email\npayee1@example.com\npayee2@example.com\n", System.Text.Encoding.UTF8, "text/csv")))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["recipientsS3Key"] = ticket.RootElement.GetProperty("key").GetString()!,
            ["from"] = "reports@example.com",
            ["subject"] = "Statement",
            ["html"] = "<p>Hello</p>",
            ["text"] = "Hello",
            ["campaign"] = new Dictionary<string, string> { ["name"] = "monthly", ["type"] = "financial" },
        });
        using var create = new HttpRequestMessage(HttpMethod.Post, "local/campaigns") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        create.Headers.Add("x-api-key", _suite.Suite.Data.ApiKey);
        using var created = await _suite.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        using var reply = await SuiteHarness.JsonAsync(created);
        var id = reply.RootElement.GetProperty("campaignId").GetString()!;
        JsonElement state = default;
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, "local/campaigns/" + id);
            poll.Headers.Add("x-api-key", _suite.Suite.Data.ApiKey);
            using var answer = await _suite.Http.SendAsync(poll);
            using var status = await SuiteHarness.JsonAsync(answer);
            state = status.RootElement.Clone();
            if (state.GetProperty("status").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("completed", state.GetProperty("status").GetString());
        Assert.Equal(2, state.GetProperty("counts").GetProperty("sent").GetInt32());
    }
}
