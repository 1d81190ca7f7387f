using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.Campaigns;
using CrmMail.Campaigns;

namespace CrmMail.Aws.Tests.Campaigns;

/// <summary>The campaign table through the real DynamoDB client against moto.</summary>
[Trait("Category", "Integration")]
public sealed class DynamoDbCampaignStoreTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(1);
    private readonly string _table = "campaigns-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() => await CreateTableAsync(fixture, _table);

    public Task DisposeAsync() => Task.CompletedTask;

    internal static async Task CreateTableAsync(MotoFixture fixture, string table)
    {
        using var dynamo = fixture.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new("pk", "S"), new("sk", "S")],
            KeySchema = [new("pk", "HASH"), new("sk", "RANGE")],
            BillingMode = "PAY_PER_REQUEST",
        });
    }

    internal static Campaign NewCampaign(string id, int total) => new()
    {
        Id = id,
        State = CampaignState.Queued,
        Counts = CampaignCounts.Start(total),
        CreatedAt = Now,
        CreatedBy = "key-1",
        ContentKey = $"campaigns/{id}/content.json",
        RecipientsKey = $"campaigns/{id}/recipients.jsonl",
    };

    private DynamoDbCampaignStore Store() => new(fixture.DynamoDb(), _table, TimeSpan.FromDays(30), TimeProvider.System);

    // Rule: a campaign round-trips, and an id is created once.
    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsAndRefusesTheSameIdTwice()
    {
        var sut = Store();

        Assert.True(await sut.CreateAsync(NewCampaign("c1", 3), default));
        Assert.False(await sut.CreateAsync(NewCampaign("c1", 9), default));

        Assert.Equal(NewCampaign("c1", 3), await sut.GetAsync("c1", default));
        Assert.Null(await sut.GetAsync("c2", default));
    }

    // Rule: a second delivery's claim on a claimed recipient fails (the conditional put), from any client.
    [Fact]
    public async Task ClaimAsync_SecondDelivery_DoesNotClaim()
    {
        await Store().CreateAsync(NewCampaign("c1", 1), default);

        var first = await Store().ClaimAsync("c1", 0, "attempt-1", Now, ClaimTimeout, default);
        var second = await Store().ClaimAsync("c1", 0, "attempt-2", Now, ClaimTimeout, default);

        Assert.Equal(ClaimResult.Claimed, first);
        Assert.Equal(ClaimResult.InFlight, second);
    }

    // Rule: a claim is ONE conditional PutItem (attribute_not_exists on the key), so two deliveries
    // racing in two containers cannot both win: DynamoDB evaluates the condition and the write
    // atomically per request, which moto does not promise under concurrency. A read-then-write
    // claim (GetItem, then PutItem) would pass every answer-level test here and fail in AWS.
    [Fact]
    public async Task ClaimAsync_FreshRecipient_IsOneConditionalPut()
    {
        await Store().CreateAsync(NewCampaign("c1", 1), default);
        var (client, calls) = DynamoDbOperations.Client(fixture);
        var sut = new DynamoDbCampaignStore(client, _table, TimeSpan.FromDays(30), TimeProvider.System);

        Assert.Equal(ClaimResult.Claimed, await sut.ClaimAsync("c1", 0, "attempt-1", Now, ClaimTimeout, default));

        Assert.Equal(["DynamoDB_20120810.PutItem"], calls.Operations);
        Assert.Contains("\"ConditionExpression\":\"attribute_not_exists(pk)\"", calls.Bodies[0], StringComparison.Ordinal);
    }

    // Rule: a claim without a result is in flight until the claim timeout, then orphaned; a recorded row is done.
    [Fact]
    public async Task ClaimAsync_ExistingRow_InFlightThenOrphanedAndDoneOnceRecorded()
    {
        var sut = Store();
        await sut.CreateAsync(NewCampaign("c1", 2), default);
        await sut.ClaimAsync("c1", 0, "a1", Now, ClaimTimeout, default);
        await sut.ClaimAsync("c1", 1, "a1", Now, ClaimTimeout, default);
        await sut.RecordAsync("c1", new CampaignRecipient(1, "b@example.com"), new RecipientRecord(RecipientStatus.Sent, "ses-1"), Now, default);

        Assert.Equal(ClaimResult.InFlight, await sut.ClaimAsync("c1", 0, "a2", Now + ClaimTimeout - TimeSpan.FromSeconds(1), ClaimTimeout, default));
        Assert.Equal(ClaimResult.Orphaned, await sut.ClaimAsync("c1", 0, "a3", Now + ClaimTimeout, ClaimTimeout, default));
        Assert.Equal(ClaimResult.Done, await sut.ClaimAsync("c1", 1, "a4", Now + TimeSpan.FromDays(1), ClaimTimeout, default));
    }

    // Rule: a result moves one count from pending in the same transaction, once; the row keeps the message id and its TTL.
    [Fact]
    public async Task RecordAsync_Twice_CountsOnceAndKeepsTheRow()
    {
        var sut = Store();
        await sut.CreateAsync(NewCampaign("c1", 2), default);
        await sut.ClaimAsync("c1", 0, "a1", Now, ClaimTimeout, default);

        Assert.True(await sut.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Sent, "ses-1"), Now, default));
        Assert.False(await sut.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Failed, ErrorCode: "x"), Now, default));
        Assert.True(await sut.RecordAsync("c1", new CampaignRecipient(1, "b@example.com"), new RecipientRecord(RecipientStatus.Suppressed), Now, default));

        Assert.Equal(new CampaignCounts(2, 1, 1, 0, 0), (await sut.GetAsync("c1", default))!.Counts);
        using var dynamo = fixture.DynamoDb();
        var row = (await dynamo.GetItemAsync(_table, new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "c#c1" }, ["sk"] = new() { S = "r#000000000" } })).Item;
        Assert.Equal("sent", row["state"].S);
        Assert.Equal("ses-1", row["messageId"].S);
        Assert.Equal((1_800_000_000 + (30 * 86_400)).ToString(System.Globalization.CultureInfo.InvariantCulture), row["expiresAt"].N);
    }

    // Rule: only the delivery that made a claim releases it, and only while it has no result.
    [Fact]
    public async Task ReleaseAsync_OtherAttemptOrRecorded_LeavesTheRow()
    {
        var sut = Store();
        await sut.CreateAsync(NewCampaign("c1", 2), default);
        await sut.ClaimAsync("c1", 0, "a1", Now, ClaimTimeout, default);

        await sut.ReleaseAsync("c1", 0, "a2", default);
        Assert.Equal(ClaimResult.InFlight, await sut.ClaimAsync("c1", 0, "a3", Now, ClaimTimeout, default));

        await sut.ReleaseAsync("c1", 0, "a1", default);
        Assert.Equal(ClaimResult.Claimed, await sut.ClaimAsync("c1", 0, "a4", Now, ClaimTimeout, default));
    }

    // Rule: transitions are conditional on the current state; completion needs zero pending.
    [Fact]
    public async Task TransitionAndComplete_AreConditional()
    {
        var sut = Store();
        await sut.CreateAsync(NewCampaign("c1", 1), default);

        Assert.False(await sut.TransitionAsync("c1", [CampaignState.Sending], CampaignState.Paused, Now, null, default));
        Assert.True(await sut.TransitionAsync("c1", [CampaignState.Queued], CampaignState.Sending, Now, 1, default));
        Assert.False(await sut.TryCompleteAsync("c1", Now, default));
        await sut.ClaimAsync("c1", 0, "a1", Now, ClaimTimeout, default);
        await sut.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Sent, "ses-1"), Now, default);
        Assert.True(await sut.TryCompleteAsync("c1", Now.AddMinutes(5), default));

        var campaign = (await sut.GetAsync("c1", default))!;
        Assert.Equal(CampaignState.Completed, campaign.State);
        Assert.Equal(Now, campaign.StartedAt);
        Assert.Equal(Now.AddMinutes(5), campaign.FinishedAt);
        Assert.Equal(1, campaign.Batches);
    }
}
