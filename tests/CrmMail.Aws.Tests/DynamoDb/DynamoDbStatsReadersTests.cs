using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;
using CrmMail.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests.DynamoDb;

/// <summary>
/// The stats read side against moto with the stack's keys and indexes: every request of the two
/// read routes is counted at the HTTP level (operation name from X-Amz-Target), so a Scan, or a
/// Query too many, fails a test.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DynamoDbStatsReadersTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private const string Query = "DynamoDB_20120810.Query";
    private readonly string _events = "events-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _stats = "stats-" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly PiiHasher _hasher = new(Encoding.UTF8.GetBytes("stats-readers-test-key"));

    public async Task InitializeAsync()
    {
        using var dynamo = fixture.DynamoDb();
        static GlobalSecondaryIndex Index(string name, string partition, string sort) => new()
        {
            IndexName = name,
            KeySchema = [new(partition, "HASH"), new(sort, "RANGE")],
            Projection = new Projection { ProjectionType = "ALL" },
        };

        // As infra/Constructs/SubscriptionState.cs declares them.
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = _events,
            AttributeDefinitions = [new("eventId", "S"), new("messageId", "S"), new("recipientHash", "S"), new("day", "S"), new("at", "S")],
            KeySchema = [new("eventId", "HASH")],
            GlobalSecondaryIndexes = [Index("byMessage", "messageId", "at"), Index("byRecipient", "recipientHash", "at"), Index("byDay", "day", "at")],
            BillingMode = "PAY_PER_REQUEST",
        });
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = _stats,
            AttributeDefinitions = [new("pk", "S"), new("sk", "S"), new("day", "S"), new("campaign", "S")],
            KeySchema = [new("pk", "HASH"), new("sk", "RANGE")],
            GlobalSecondaryIndexes = [Index(DynamoDbCampaignCounters.ByDayIndex, "day", "campaign")],
            BillingMode = "PAY_PER_REQUEST",
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DynamoDbDeliveryEventStore Store() => new(fixture.DynamoDb(), _events, new DynamoDbCampaignCounters(fixture.DynamoDb(), _stats, _time), _time);

    private DeliveryEvent Event(string id, string kind, string at, string campaign = "spring-news", string recipient = "ada@example.com", string messageId = "msg-1")
        => new("ses", id, kind, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), messageId, _hasher.Hash(recipient), campaign, "outreach", new Dictionary<string, string> { ["eventType"] = "Open" });

    private (AmazonDynamoDBClient Client, DynamoDbOperations Calls) Counted() => DynamoDbOperations.Client(fixture);

    private async Task SeedAsync()
    {
        var store = Store();
        await store.TryRecordAsync(Event("s1", DeliveryEventKinds.Sent, "2026-11-27T09:00:00Z"), default);
        await store.TryRecordAsync(Event("d1", DeliveryEventKinds.Delivered, "2026-11-27T09:00:05Z"), default);
        await store.TryRecordAsync(Event("o1", DeliveryEventKinds.Opened, "2026-11-28T10:00:00Z"), default);
        await store.TryRecordAsync(Event("o2", DeliveryEventKinds.Opened, "2026-11-29T10:00:00Z"), default);
        await store.TryRecordAsync(Event("s2", DeliveryEventKinds.Sent, "2026-11-29T08:00:00Z", campaign: "autumn", recipient: "bob@example.com", messageId: "msg-2"), default);
        await store.TryRecordAsync(Event("s3", DeliveryEventKinds.Sent, "2026-11-29T08:00:01Z", campaign: "autumn", recipient: "cy@example.com", messageId: "msg-3"), default);
    }

    // Rule: one campaign's range is exactly one Query on the table's key, and marker rows never count as days.
    [Fact]
    public async Task CampaignStatsFlow_OneCampaign_OneQueryOnTheKey()
    {
        await SeedAsync();
        var (client, calls) = Counted();
        var sut = new CampaignStatsFlow(new DynamoDbCampaignStatsReader(client, _stats), _time);

        var outcome = await sut.RunAsync(new CampaignStatsRequest("spring-news", "2026-11-27", "2026-11-30", [], null, null), default);

        Assert.Equal([Query], calls.Operations);
        Assert.DoesNotContain("IndexName", calls.Bodies[0], StringComparison.Ordinal);
        var campaign = Assert.Single(outcome.Campaigns);
        Assert.Equal(["2026-11-27", "2026-11-28", "2026-11-29"], campaign.Days.Select(d => d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Equal(1, outcome.Totals.Sent);
        Assert.Equal(1, outcome.Totals.Delivered);
        Assert.Equal(2, outcome.Totals.Opens);
        Assert.Equal(1, outcome.Totals.Opened);
    }

    // Rule: across campaigns, a range is one Query on byDay per day (bounded), never a scan.
    [Fact]
    public async Task CampaignStatsFlow_AllCampaignsOverFourDays_FourQueriesOnTheDayIndex()
    {
        await SeedAsync();
        var (client, calls) = Counted();
        var sut = new CampaignStatsFlow(new DynamoDbCampaignStatsReader(client, _stats), _time);

        var outcome = await sut.RunAsync(new CampaignStatsRequest(null, "2026-11-27T00:00:00Z", "2026-11-30T23:59:59Z", [], null, null), default);

        Assert.Equal([Query, Query, Query, Query], calls.Operations);
        Assert.All(calls.Bodies, b => Assert.Contains("\"IndexName\":\"byDay\"", b, StringComparison.Ordinal));
        Assert.Equal(["autumn", "spring-news"], outcome.Campaigns.Select(c => c.Name));
        Assert.Equal(3, outcome.Totals.Sent);
        Assert.Equal(2, outcome.Campaigns[0].Totals.Sent);
    }

    // Rule: a recipient is looked up by its keyed hash on byRecipient, newest first; the address never leaves the process.
    [Fact]
    public async Task TrackingDataFlow_ByRecipientEmail_OneQueryByHashNewestFirst()
    {
        await SeedAsync();
        var (client, calls) = Counted();
        var sut = new TrackingDataFlow(new DynamoDbDeliveryEventReader(client, _events), _hasher, _time);

        var outcome = await sut.RunAsync(new TrackingDataRequest(null, "Ada@Example.com", null, null, "opened", null, null), default);

        Assert.Equal([Query], calls.Operations);
        Assert.Contains("\"IndexName\":\"byRecipient\"", calls.Bodies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", calls.Bodies[0], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["o2", "o1"], outcome.Events.Select(e => e.Event.EventId));
        Assert.Equal(2, outcome.Total);
        Assert.Equal("Open", outcome.Events[0].ProviderEvent);
    }

    // Rule: a message's events are one Query on byMessage; a date range sits in the key condition.
    [Fact]
    public async Task TrackingDataFlow_ByMessageIdInRange_OneQueryOnTheMessageIndex()
    {
        await SeedAsync();
        var (client, calls) = Counted();
        var sut = new TrackingDataFlow(new DynamoDbDeliveryEventReader(client, _events), _hasher, _time);

        var outcome = await sut.RunAsync(new TrackingDataRequest("msg-1", null, "2026-11-28", "2026-11-29", null, null, null), default);

        Assert.Equal([Query], calls.Operations);
        Assert.Contains("\"IndexName\":\"byMessage\"", calls.Bodies[0], StringComparison.Ordinal);
        Assert.Equal(["o2", "o1"], outcome.Events.Select(e => e.Event.EventId));
    }

    // Rule: without a key, tracking reads byDay one day at a time, newest day first; limit and offset page the result.
    [Fact]
    public async Task TrackingDataFlow_ByDateRangePaged_OneQueryPerDayAndThePage()
    {
        await SeedAsync();
        var (client, calls) = Counted();
        var sut = new TrackingDataFlow(new DynamoDbDeliveryEventReader(client, _events), _hasher, _time);

        var outcome = await sut.RunAsync(new TrackingDataRequest(null, null, "2026-11-27", "2026-11-29", null, "2", "1"), default);

        Assert.Equal([Query, Query, Query], calls.Operations);
        Assert.All(calls.Bodies, b => Assert.Contains("\"IndexName\":\"byDay\"", b, StringComparison.Ordinal));
        Assert.Equal(6, outcome.Total);
        Assert.Equal(["s3", "s2"], outcome.Events.Select(e => e.Event.EventId));
    }

    // Rule: a read stops one row past its bound and says it was truncated.
    [Fact]
    public async Task ReadAsync_MoreRowsThanTheBound_TruncatedAtTheBound()
    {
        await SeedAsync();
        var sut = new DynamoDbDeliveryEventReader(fixture.DynamoDb(), _events);

        var (rows, truncated) = await sut.ReadAsync(new EventLookup(EventIndex.Message, "msg-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null, null), 2, default);

        Assert.True(truncated);
        Assert.Equal(["o2", "o1"], rows.Select(r => r.Event.EventId));
    }

    // Rule: Mailgun's rows carry the shared shape (kind, at, day, campaign), so tracking-data finds
    // them through the same indexes as SES's: by message, by recipient hash and by day.
    [Fact]
    public async Task TrackingDataFlow_MailgunEvent_FoundOnEveryIndexInTheSharedShape()
    {
        var store = new DynamoDbMailgunEventStore(fixture.DynamoDb(), _events, _time);
        var at = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        await store.RecordAsync(new CrmMail.Inbound.Mailgun.MailgunEvent("mg-ev-1", "opened", at, "ada@example.com", null, ["spring-news", "stream:outreach"], "mg-msg-1", null, null), _hasher.Hash("ada@example.com"), default);
        var sut = new TrackingDataFlow(new DynamoDbDeliveryEventReader(fixture.DynamoDb(), _events), _hasher, _time);

        var byMessage = await sut.RunAsync(new TrackingDataRequest("mg-msg-1", null, null, null, null, null, null), default);
        var byRecipient = await sut.RunAsync(new TrackingDataRequest(null, "ada@example.com", null, null, "opened", null, null), default);
        var byDay = await sut.RunAsync(new TrackingDataRequest(null, null, "2026-11-29", "2026-11-29", null, null, null), default);

        var found = Assert.Single(byMessage.Events);
        Assert.Equal("mailgun", found.Event.Provider);
        Assert.Equal(DeliveryEventKinds.Opened, found.Event.Kind);
        Assert.Equal("spring-news", found.Event.Campaign);
        Assert.Equal("outreach", found.Event.Stream);
        Assert.Equal("opened", found.ProviderEvent);
        Assert.Equal("mg-ev-1", Assert.Single(byRecipient.Events).Event.EventId);
        Assert.Equal("mg-ev-1", Assert.Single(byDay.Events).Event.EventId);
    }
}
