using System.Globalization;
using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Inbound.Events;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests.DynamoDb;

/// <summary>The events table and the campaign counters against moto, with the stack's keys and indexes.</summary>
[Trait("Category", "Integration")]
public sealed class DynamoDbDeliveryEventsTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _events = "events-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _stats = "stats-" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

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

    private DynamoDbCampaignCounters Counters() => new(fixture.DynamoDb(), _stats, _time);

    private DynamoDbDeliveryEventStore Store() => new(fixture.DynamoDb(), _events, Counters(), _time);

    private static DeliveryEvent Event(string id, string kind, string recipientHash = "hash-1", string at = "2026-11-29T10:00:00Z", string campaign = "spring-news")
        => new("ses", id, kind, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), "msg-1", recipientHash, campaign, "outreach", new Dictionary<string, string> { ["eventType"] = "Bounce", ["bounceType"] = "Permanent" });

    private async Task<Dictionary<string, AttributeValue>> CounterRowAsync(string campaign, string day)
    {
        using var dynamo = fixture.DynamoDb();
        return (await dynamo.GetItemAsync(_stats, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = DynamoDbCampaignCounters.CampaignKey(campaign) }, ["sk"] = new() { S = DynamoDbCampaignCounters.DayKey(day) } })).Item;
    }

    // Rule: an event is stored once with the shared shape (no address) and its counter raised in the same transaction; a second delivery changes nothing.
    [Fact]
    public async Task TryRecordAsync_SameEventTwice_StoredAndCountedOnce()
    {
        var sut = Store();

        Assert.True(await sut.TryRecordAsync(Event("ses:1", DeliveryEventKinds.Bounced), default));
        Assert.False(await sut.TryRecordAsync(Event("ses:1", DeliveryEventKinds.Bounced), default));

        Assert.True(await sut.ContainsAsync("ses:1", default));
        using var dynamo = fixture.DynamoDb();
        var item = (await dynamo.GetItemAsync(_events, new Dictionary<string, AttributeValue> { ["eventId"] = new() { S = "ses:1" } })).Item;
        Assert.Equal("ses", item["provider"].S);
        Assert.Equal("Bounce", item["event"].S);
        Assert.Equal("bounced", item["kind"].S);
        Assert.Equal("2026-11-29T10:00:00.000Z", item["at"].S);
        Assert.Equal("2026-11-29", item["day"].S);
        Assert.Equal("hash-1", item["recipientHash"].S);
        Assert.Equal("spring-news", item["campaign"].S);
        Assert.Equal("Permanent", item["details"].M["bounceType"].S);
        Assert.Equal((_time.GetUtcNow() + DynamoDbMailgunEventStore.Retention).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), item["expiresAt"].N);
        Assert.Equal("1", (await CounterRowAsync("spring-news", "2026-11-29"))["bounced"].N);
    }

    // Rule: every open adds to opens, each recipient's first open of a campaign to opened (a marker under a not-exists condition).
    [Fact]
    public async Task TryRecordAsync_OpensByTwoRecipients_CountsEveryOpenAndEachRecipientOnce()
    {
        var sut = Store();

        await sut.TryRecordAsync(Event("o1", DeliveryEventKinds.Opened, "hash-a"), default);
        await sut.TryRecordAsync(Event("o2", DeliveryEventKinds.Opened, "hash-a", "2026-11-29T11:00:00Z"), default);
        await sut.TryRecordAsync(Event("o3", DeliveryEventKinds.Opened, "hash-b"), default);

        var row = await CounterRowAsync("spring-news", "2026-11-29");
        Assert.Equal("3", row[CampaignCounters.Opens].N);
        Assert.Equal("2", row[CampaignCounters.Opened].N);
    }

    // Rule: the Mailgun path counts through the same rows (atomic ADD), per event day.
    [Fact]
    public async Task CountAsync_EventsOnTwoDays_AddToEachDaysRow()
    {
        var sut = Counters();

        await sut.CountAsync(Event("m1", DeliveryEventKinds.Delivered, at: "2026-11-28T23:59:59Z"), default);
        await sut.CountAsync(Event("m2", DeliveryEventKinds.Delivered, at: "2026-11-29T00:00:00Z"), default);
        await sut.CountAsync(Event("m3", DeliveryEventKinds.Delivered, at: "2026-11-29T08:00:00Z"), default);

        Assert.Equal("1", (await CounterRowAsync("spring-news", "2026-11-28"))["delivered"].N);
        Assert.Equal("2", (await CounterRowAsync("spring-news", "2026-11-29"))["delivered"].N);
    }

    // Rule: the read side needs no scan: a campaign's days are one Query on the key, a message's events one Query on byMessage, a day's campaigns one Query on byDay.
    [Fact]
    public async Task KeyDesign_ReadsAreQueries_CampaignRangeMessageEventsAndDayCampaigns()
    {
        var sut = Store();
        await sut.TryRecordAsync(Event("d1", DeliveryEventKinds.Delivered, at: "2026-11-27T09:00:00Z"), default);
        await sut.TryRecordAsync(Event("d2", DeliveryEventKinds.Delivered, at: "2026-11-29T09:00:00Z"), default);
        await sut.TryRecordAsync(Event("d3", DeliveryEventKinds.Delivered, at: "2026-11-29T09:30:00Z", campaign: "autumn"), default);
        using var dynamo = fixture.DynamoDb();

        var range = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = _stats,
            KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = DynamoDbCampaignCounters.CampaignKey("spring-news") }, [":from"] = new() { S = DynamoDbCampaignCounters.DayKey("2026-11-28") }, [":to"] = new() { S = DynamoDbCampaignCounters.DayKey("2026-11-30") } },
        });
        var events = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = _events,
            IndexName = "byMessage",
            KeyConditionExpression = "messageId = :m",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":m"] = new() { S = "msg-1" } },
            ScanIndexForward = false,
        });
        var day = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = _stats,
            IndexName = DynamoDbCampaignCounters.ByDayIndex,
            KeyConditionExpression = "#day = :d",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#day"] = "day" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":d"] = new() { S = "2026-11-29" } },
        });

        Assert.Equal(["2026-11-29"], range.Items.Select(i => i["day"].S));
        Assert.Equal(["d3", "d2", "d1"], events.Items.Select(i => i["eventId"].S));
        Assert.Equal(["autumn", "spring-news"], day.Items.Select(i => i["campaign"].S));
    }
}
