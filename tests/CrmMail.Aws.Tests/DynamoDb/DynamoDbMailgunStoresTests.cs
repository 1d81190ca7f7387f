using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Inbound.Mailgun;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests.DynamoDb;

[Trait("Category", "Integration")]
public sealed class DynamoDbMailgunStoresTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _replay = "replay-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _events = "events-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        using var dynamo = fixture.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = _replay, AttributeDefinitions = [new("pk", "S")], KeySchema = [new("pk", "HASH")], BillingMode = "PAY_PER_REQUEST" });
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = _events, AttributeDefinitions = [new("eventId", "S")], KeySchema = [new("eventId", "HASH")], BillingMode = "PAY_PER_REQUEST" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReplayGuard_TokenOnceThenAgainAfterReleaseOrExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var sut = new DynamoDbMailgunReplayGuard(fixture.DynamoDb(), _replay, time);

        Assert.True(await sut.TryAcceptAsync("t1", TimeSpan.FromMinutes(10), default));
        Assert.False(await sut.TryAcceptAsync("t1", TimeSpan.FromMinutes(10), default));
        await sut.ReleaseAsync("t1", default);
        Assert.True(await sut.TryAcceptAsync("t1", TimeSpan.FromMinutes(10), default));
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.True(await sut.TryAcceptAsync("t1", TimeSpan.FromMinutes(10), default));
    }

    // Rule: a token is refused for its whole lifetime, through its last second, and accepted again only after it (DynamoDB compares epoch seconds).
    [Fact]
    public async Task ReplayGuard_WithinItsLifetime_RefusesTheTokenThroughTheLastSecond()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var sut = new DynamoDbMailgunReplayGuard(fixture.DynamoDb(), _replay, time);
        var lifetime = TimeSpan.FromSeconds(600);

        Assert.True(await sut.TryAcceptAsync("t2", lifetime, default));
        time.Advance(TimeSpan.FromSeconds(599));
        Assert.False(await sut.TryAcceptAsync("t2", lifetime, default));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await sut.TryAcceptAsync("t2", lifetime, default));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await sut.TryAcceptAsync("t2", lifetime, default));
        using var dynamo = fixture.DynamoDb();
        var item = (await dynamo.GetItemAsync(_replay, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "mailgun-token#t2" } })).Item;
        Assert.Equal("1800001201", item["expiresAt"].N);
    }

    [Fact]
    public async Task EventStore_RecordsWithoutTheAddressAndFindsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var sut = new DynamoDbMailgunEventStore(fixture.DynamoDb(), _events, time);

        Assert.False(await sut.ContainsAsync("ev-1", default));
        await sut.RecordAsync(new MailgunEvent("ev-1", "failed", 1_800_000_000.5, "payee@example.com", "permanent", ["financial"], "m@mg", 550, "mailbox unavailable"), "hash123", default);

        Assert.True(await sut.ContainsAsync("ev-1", default));
        using var dynamo = fixture.DynamoDb();
        var item = (await dynamo.GetItemAsync(_events, new Dictionary<string, AttributeValue> { ["eventId"] = new() { S = "ev-1" } })).Item;
        Assert.Equal("hash123", item["recipientHash"].S);
        Assert.Equal("550", item["deliveryCode"].N);
        Assert.DoesNotContain(item.Values, v => v.S?.Contains("payee", StringComparison.Ordinal) == true);
        // Rule: kept for the retention on the injected clock (not the real one).
        Assert.Equal((time.GetUtcNow() + DynamoDbMailgunEventStore.Retention).ToUnixTimeSeconds(), long.Parse(item["expiresAt"].N, System.Globalization.CultureInfo.InvariantCulture));
    }
}
