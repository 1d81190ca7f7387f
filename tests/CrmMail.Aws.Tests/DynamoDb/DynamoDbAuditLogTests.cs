using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.Tests.DynamoDb;

[Trait("Category", "Integration")]
public sealed class DynamoDbAuditLogTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _table = "audit-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        using var dynamo = fixture.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = _table,
            AttributeDefinitions = [new AttributeDefinition("contact", "S"), new AttributeDefinition("sk", "S")],
            KeySchema = [new KeySchemaElement("contact", "HASH"), new KeySchemaElement("sk", "RANGE")],
            BillingMode = "PAY_PER_REQUEST",
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static AuditEntry Entry(string eventId, DateTimeOffset at, AuditAction action = AuditAction.Unsubscribe) => new(
        "Payee@Example.com", action, ["financial"], true, at,
        new AuditContext
        {
            EventId = eventId, Source = AuditSource.Get, RequestId = "req-" + eventId, Method = "GET", SourceIp = "203.0.113.9",
            UserAgent = "Mozilla/5.0", TokenAge = TimeSpan.FromSeconds(42), Detection = new Dictionary<string, string> { ["reason"] = "token" },
        });

    [Fact]
    public async Task Write_SameEventTwice_WritesOneRow()
    {
        var sut = new DynamoDbAuditLog(fixture.DynamoDb(), _table);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

        Assert.True(await sut.WriteAsync(Entry("e1", at), default));
        Assert.False(await sut.WriteAsync(Entry("e1", at.AddSeconds(5)), default));

        var history = await sut.HistoryAsync("Payee@EXAMPLE.com", 10, default);
        var row = Assert.Single(history);
        Assert.Equal("e1", row.Context.EventId);
        Assert.Equal(TimeSpan.FromSeconds(42), row.Context.TokenAge);
        Assert.Equal("token", row.Context.Detection!["reason"]);
        Assert.Equal(at, row.Timestamp);
        Assert.Equal(["financial"], row.Topics);
    }

    [Fact]
    public async Task History_SeveralRows_NewestFirst()
    {
        var sut = new DynamoDbAuditLog(fixture.DynamoDb(), _table);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        await sut.WriteAsync(Entry("h1", at, AuditAction.Add) with { Email = "h@example.com" }, default);
        await sut.WriteAsync(Entry("h3", at.AddMinutes(2), AuditAction.Resubscribe) with { Email = "h@example.com" }, default);
        await sut.WriteAsync(Entry("h2", at.AddMinutes(1)) with { Email = "h@example.com" }, default);

        var history = await sut.HistoryAsync("h@example.com", 10, default);

        Assert.Equal(["h3", "h2", "h1"], history.Select(h => h.Context.EventId));
        Assert.Equal([AuditAction.Resubscribe, AuditAction.Unsubscribe, AuditAction.Add], history.Select(h => h.Action));
    }
}
