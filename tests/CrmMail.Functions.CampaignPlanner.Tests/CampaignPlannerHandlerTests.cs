using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Lambda.Core;
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

    // Rule: the planner's event is {"campaignId":…} (what POST /campaigns sends); the campaign is planned in batches of the setting.
    [Fact]
    public async Task HandleAsync_EventJson_PlansTheCampaign()
    {
        var sut = Build();
        await CreateAsync("c1", 12);
        var request = JsonSerializer.Deserialize("""{"campaignId":"c1"}""", CampaignPlannerJsonContext.Default.PlanRequest)!;

        var report = await sut.HandleAsync(request, new TestLambdaContext());

        Assert.Equal(new CampaignPlanReport("planned", 2), report);
        Assert.Equal([10, 2], _queued.Select(b => b.Recipients.Count));
        Assert.Equal("""{"status":"planned","batches":2}""", JsonSerializer.Serialize(report, CampaignPlannerJsonContext.Default.CampaignPlanReport));
    }

    // Rule: an event without a campaign id is acknowledged and logged, never thrown (a retry cannot fix it).
    [Fact]
    public async Task HandleAsync_NoCampaignId_IgnoredWithoutThrowing()
    {
        var report = await Build().HandleAsync(JsonSerializer.Deserialize("{}", CampaignPlannerJsonContext.Default.PlanRequest)!, new TestLambdaContext());

        Assert.Equal("ignored", report.Status);
        Assert.Empty(_queued);
    }

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

    private sealed class CollectingQueue(List<CampaignBatch> queued) : ICampaignQueue
    {
        public Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
        {
            queued.AddRange(batches);
            return Task.CompletedTask;
        }
    }
}
