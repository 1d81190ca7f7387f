using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests.DynamoDb;

[Trait("Category", "Integration")]
public sealed class DynamoDbContactLeaseTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _table = "leases-" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    public async Task InitializeAsync()
    {
        using var dynamo = fixture.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = _table, AttributeDefinitions = [new("pk", "S")], KeySchema = [new("pk", "HASH")], BillingMode = "PAY_PER_REQUEST" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // Rule: one holder per contact; another owner gets it only after release or expiry.
    [Fact]
    public async Task TryAcquireAsync_HeldLease_RefusedUntilReleasedOrExpired()
    {
        var sut = new DynamoDbContactLease(fixture.DynamoDb(), _table, _time);

        Assert.True(await sut.TryAcquireAsync("casey@example.com", "a", TimeSpan.FromSeconds(30), default));
        Assert.False(await sut.TryAcquireAsync("casey@example.com", "b", TimeSpan.FromSeconds(30), default));
        Assert.True(await sut.TryAcquireAsync("other@example.com", "b", TimeSpan.FromSeconds(30), default));

        await sut.ReleaseAsync("casey@example.com", "a", default);
        Assert.True(await sut.TryAcquireAsync("casey@example.com", "b", TimeSpan.FromSeconds(30), default));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await sut.TryAcquireAsync("casey@example.com", "c", TimeSpan.FromSeconds(30), default));
    }

    // Rule: a holder whose lease expired and was taken over never deletes the new holder's lease.
    [Fact]
    public async Task ReleaseAsync_NotTheOwner_LeavesTheLeaseAndWritesTtl()
    {
        var sut = new DynamoDbContactLease(fixture.DynamoDb(), _table, _time);
        Assert.True(await sut.TryAcquireAsync("casey@example.com", "a", TimeSpan.FromSeconds(30), default));
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await sut.TryAcquireAsync("casey@example.com", "b", TimeSpan.FromSeconds(30), default));

        await sut.ReleaseAsync("casey@example.com", "a", default);

        Assert.False(await sut.TryAcquireAsync("casey@example.com", "c", TimeSpan.FromSeconds(30), default));
        using var dynamo = fixture.DynamoDb();
        var item = (await dynamo.GetItemAsync(_table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "casey@example.com" } })).Item;
        Assert.Equal("b", item["owner"].S);
        Assert.Equal((1_800_000_031L + 30).ToString(System.Globalization.CultureInfo.InvariantCulture), item["expiresAt"].N);
    }
}
