using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Functions.MailgunWebhook;
using CrmMail.Inbound.Mailgun;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>
/// The webhook composed as in Lambda (DynamoDB replay guard and event store, the SES contact
/// list) against endpoints that refuse connections or accept and never answer. The context says
/// 3 s remain; the wall-clock guard is the stack's 15 s timeout for this function
/// (infra/CrmMailStack.cs), only there so a regression fails instead of hanging.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WebhookTimeBudgetTests
{
    private static readonly TimeSpan ConfiguredTimeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("refusing")]
    [InlineData("silent")]
    public async Task Post_EveryEndpointDead_Answers503WithRetryAfterBeforeTheTimeout(string kind)
    {
        // Rule: with every AWS endpoint dead, Mailgun gets 503 + Retry-After (and retries) inside the invocation's budget.
        using var dead = DeadEndpoint.Start(kind);
        var settings = dead.Settings();
        using var http = AwsClients.CreateHttpClient();
        var services = SubscriptionServices.CreateForAws(settings, http, new TestLambdaLogger(), TimeProvider.System);
        var dynamo = AwsClients.DynamoDb(settings.Region, dead.Url);
        var flow = new MailgunWebhookFlow(
            new MailgunSignatureVerifier(WebhookHarness.Key, TimeProvider.System, TimeSpan.FromSeconds(300)),
            new DynamoDbMailgunReplayGuard(dynamo, "idempotency", TimeProvider.System),
            new DynamoDbMailgunEventStore(dynamo, "events", TimeProvider.System),
            services.Subscriptions,
            services.Hasher,
            new DynamoDbCampaignCounters(dynamo, "stats", TimeProvider.System));
        var sut = new WebhookHandler(flow, TimeProvider.System);
        var body = new WebhookHarness().Json("unsubscribed", "evt-budget-1", timestamp: TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        var request = ApiEvents.Build("POST", "/outreach/webhook", body: body, headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" });

        var response = await sut.HandleAsync(request, new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }).WaitAsync(ConfiguredTimeout);

        Assert.True(response.StatusCode == 503, response.Body);
        Assert.Equal("60", response.Headers!["Retry-After"]);
    }

    [Fact]
    public async Task Post_DeadlineFiresWhileProcessing_ReleasesTheTokenSoMailgunsRetryIsAccepted()
    {
        // Rule: a 503 caused by the deadline releases the webhook token like any other outage, or the retry would be a "replay".
        using var dead = DeadEndpoint.Start("silent");
        using var http = AwsClients.CreateHttpClient();
        var services = SubscriptionServices.CreateForAws(dead.Settings(), http, new TestLambdaLogger(), TimeProvider.System);
        var replay = new InMemoryReplayGuard();
        var flow = new MailgunWebhookFlow(new MailgunSignatureVerifier(WebhookHarness.Key, TimeProvider.System, TimeSpan.FromSeconds(300)), replay, new InMemoryEventStore(), services.Subscriptions, services.Hasher, new InMemoryDeliveryEvents());
        var sut = new WebhookHandler(flow, TimeProvider.System);
        const string token = "budget-token-0123456789abcdef0123456789abcdef0123";
        var body = new WebhookHarness().Json("unsubscribed", "evt-budget-2", timestamp: TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), token: token);
        var request = ApiEvents.Build("POST", "/outreach/webhook", body: body, headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" });

        var response = await sut.HandleAsync(request, new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(3) }).WaitAsync(ConfiguredTimeout);

        Assert.True(response.StatusCode == 503, response.Body);
        Assert.True(await replay.TryAcceptAsync(token, TimeSpan.FromMinutes(10), default));
    }
}
