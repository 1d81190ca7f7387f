using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.SQSEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Mail.Validation;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.CampaignPlanner.Tests;

public sealed class CampaignPlannerHandlerTests
{
    private static readonly DictionaryEnvironmentVariables Environment = new(new Dictionary<string, string>
    {
        ["AWS_REGION"] = "us-east-1",
        ["CAMPAIGNS_TABLE"] = "campaigns",
        ["CAMPAIGN_BUCKET"] = "dn-campaigns",
        ["CAMPAIGN_QUEUE_URL"] = "https://sqs.us-east-1.amazonaws.com/123456789012/campaigns",
    });

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCampaignStore _store = new();
    private readonly InMemoryCampaignObjects _objects = new();
    private readonly List<CampaignBatch> _queued = [];

    // Rule: the catalogue's documented defaults: batches of 10 recipients, rows kept 90 days.
    [Fact]
    public void Load_Defaults_AreTheDocumentedOnes()
    {
        var sut = CampaignPlannerSettings.Load(Environment);

        Assert.Equal(10, sut.BatchSize);
        Assert.Equal(TimeSpan.FromDays(90), sut.Retention);
        Assert.Equal(new Uri("https://sqs.us-east-1.amazonaws.com/123456789012/campaigns"), sut.QueueUrl);
    }

    // Rule: the planner's SQS message body is {"campaignId":…} (what POST /campaigns sends to the plan queue);
    // the campaign is planned in batches of the setting and the message acknowledged.
    [Fact]
    public async Task HandleAsync_PlanRequestMessage_PlansAndAcknowledges()
    {
        var sut = Build();
        await CreateAsync("c1", 12);
        var sqsEvent = JsonSerializer.Deserialize(
            """{"Records":[{"messageId":"m1","receiptHandle":"r1","body":"{\"campaignId\":\"c1\"}","attributes":{"ApproximateReceiveCount":"1"},"eventSource":"aws:sqs"}]}""",
            CampaignPlannerJsonContext.Default.SQSEvent)!;

        var response = await sut.HandleAsync(sqsEvent, new TestLambdaContext());

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal([10, 2], _queued.Select(b => b.Recipients.Count));
        Assert.Equal(CampaignState.Sending, (await _store.GetAsync("c1", default))!.State);
        Assert.Equal("""{"batchItemFailures":[]}""", JsonSerializer.Serialize(response, CampaignPlannerJsonContext.Default.SQSBatchResponse));
    }

    // Rule: a body that is no plan request (not JSON, no campaign id) is logged and acknowledged, never
    // handed back (a retry cannot fix it), while the other messages of the event are planned.
    [Fact]
    public async Task HandleAsync_MalformedBodies_AcknowledgedOthersPlanned()
    {
        var sut = Build();
        await CreateAsync("c1", 3);
        var context = new TestLambdaContext();

        var response = await sut.HandleAsync(Event(("m1", "not json"), ("m2", "{}"), ("m3", """{"campaignId":"c1"}"""), ("m4", null)), context);

        Assert.Empty(response.BatchItemFailures);
        Assert.Single(_queued);
        Assert.Contains("campaign plan ignored", context.TestLogger.Buffer, StringComparison.Ordinal);
    }

    // Rule: a campaign that does not exist is logged (its id, no address) and acknowledged, not redelivered.
    [Fact]
    public async Task HandleAsync_MissingCampaign_LoggedAndAcknowledged()
    {
        var context = new TestLambdaContext();

        var response = await Build().HandleAsync(Event(("m1", """{"campaignId":"nope"}""")), context);

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(_queued);
        Assert.Contains("not_found", context.TestLogger.Buffer, StringComparison.Ordinal);
    }

    // Rule: an outage while planning hands that message back (SQS redelivers it) and every message not
    // yet started with it, untried; the campaign stays queued so the redelivery plans it.
    [Fact]
    public async Task HandleAsync_QueueOutage_HandsBackThatMessageAndTheRest()
    {
        await CreateAsync("c1", 3);
        await CreateAsync("c2", 3);
        var sut = CampaignPlannerComposition.Build(CampaignPlannerSettings.Load(Environment), new CampaignPlannerPorts(_store, _objects, new FailingQueue(), _time));

        var response = await sut.HandleAsync(Event(("m1", """{"campaignId":"c1"}"""), ("m2", """{"campaignId":"c2"}""")), new TestLambdaContext());

        Assert.Equal(["m1", "m2"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(CampaignState.Queued, (await _store.GetAsync("c1", default))!.State);
    }

    // Rule: once the invocation's deadline has passed, messages not yet started are handed back untried.
    [Fact]
    public async Task HandleAsync_DeadlinePassed_HandsBackEveryMessageUntried()
    {
        await CreateAsync("c1", 3);

        var response = await Build().HandleAsync(Event(("m1", """{"campaignId":"c1"}""")), new TestLambdaContext { RemainingTime = TimeSpan.Zero });

        Assert.Equal(["m1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(_queued);
    }

    // Rule: a message for a campaign already planned (a duplicate delivery) is acknowledged and queues nothing again.
    [Fact]
    public async Task HandleAsync_SameRequestTwice_PlansOnce()
    {
        var sut = Build();
        await CreateAsync("c1", 3);

        await sut.HandleAsync(Event(("m1", """{"campaignId":"c1"}""")), new TestLambdaContext());
        var again = await sut.HandleAsync(Event(("m1", """{"campaignId":"c1"}""")), new TestLambdaContext());

        Assert.Empty(again.BatchItemFailures);
        Assert.Single(_queued);
    }

    private static SQSEvent Event(params (string Id, string? Body)[] messages)
        => new() { Records = [.. messages.Select(m => new SQSMessage { MessageId = m.Id, Body = m.Body })] };

    private CampaignPlannerHandler Build()
        => CampaignPlannerComposition.Build(CampaignPlannerSettings.Load(Environment), new CampaignPlannerPorts(_store, _objects, new CollectingQueue(_queued), _time));

    private async Task CreateAsync(string id, int count)
    {
        var command = new SendMailCommand([], "statements@mail.example.com", null, "Statement", "<p>Hi</p>", "Hi", "nov", CampaignType.Financial, null);
        await _objects.PutContentAsync(id + "/content.json", CampaignContent.Of(command, []), default);
        await _objects.PutRecipientsAsync(id + "/recipients.jsonl", [.. Enumerable.Range(0, count).Select(i => $"p{i}@example.com")], default);
        await _store.CreateAsync(new Campaign
        {
            Id = id,
            State = CampaignState.Queued,
            Counts = CampaignCounts.Start(count),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = "key-1",
            ContentKey = id + "/content.json",
            RecipientsKey = id + "/recipients.jsonl",
        }, default);
    }

    private sealed class FailingQueue : ICampaignQueue
    {
        public Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
            => throw new DependencyUnavailableException("SQS SendMessageBatch failed: ServiceUnavailable.");
    }

    private sealed class CollectingQueue(List<CampaignBatch> queued) : ICampaignQueue
    {
        public Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
        {
            queued.AddRange(batches);
            return Task.CompletedTask;
        }
    }
}
