using CrmMail.Campaigns;
using CrmMail.LocalSuite.Campaigns;

namespace CrmMail.LocalSuite.Tests.Campaigns;

/// <summary>serve's campaign table keeps DynamoDbCampaignStore's conditional semantics.</summary>
public sealed class LocalCampaignStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly LocalCampaignStore _store = new();

    public LocalCampaignStoreTests()
    {
        _store.CreateAsync(new Campaign { Id = "c1", State = CampaignState.Sending, Counts = CampaignCounts.Start(2), CreatedAt = Now, CreatedBy = "k", ContentKey = "c1/content.json", RecipientsKey = "c1/recipients.jsonl" }, default).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task ClaimAsync_RowExists_OnlyTheFirstClaimWins()
    {
        // Rule: a claim succeeds only when the recipient's row is absent; a second, recent one is in flight.
        Assert.Equal(ClaimResult.Claimed, await _store.ClaimAsync("c1", 0, "a1", Now, Timeout, default));
        Assert.Equal(ClaimResult.InFlight, await _store.ClaimAsync("c1", 0, "a2", Now.AddSeconds(1), Timeout, default));
    }

    [Fact]
    public async Task ClaimAsync_OlderThanTheTimeoutWithoutResult_IsOrphaned()
    {
        // Rule: a claim without a result older than the claim timeout belongs to an ended invocation (never sent again).
        await _store.ClaimAsync("c1", 0, "a1", Now, Timeout, default);
        Assert.Equal(ClaimResult.Orphaned, await _store.ClaimAsync("c1", 0, "a2", Now + Timeout, Timeout, default));
    }

    [Fact]
    public async Task RecordAsync_Twice_CountsOnceAndLaterClaimsAreDone()
    {
        // Rule: a result is recorded only on an unrecorded row and moves one count from pending, once.
        await _store.ClaimAsync("c1", 0, "a1", Now, Timeout, default);
        Assert.True(await _store.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Sent, "m1"), Now, default));
        Assert.False(await _store.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Failed, ErrorCode: "x"), Now, default));
        var campaign = (await _store.GetAsync("c1", default))!;
        Assert.Equal(new CampaignCounts(2, 1, 0, 0, 1), campaign.Counts);
        Assert.Equal(ClaimResult.Done, await _store.ClaimAsync("c1", 0, "a3", Now, Timeout, default));
    }

    [Fact]
    public async Task ReleaseAsync_ByAnotherDelivery_KeepsTheClaim()
    {
        // Rule: only the delivery that made a claim can release it.
        await _store.ClaimAsync("c1", 0, "a1", Now, Timeout, default);
        await _store.ReleaseAsync("c1", 0, "a2", default);
        Assert.Equal(ClaimResult.InFlight, await _store.ClaimAsync("c1", 0, "a3", Now, Timeout, default));
        await _store.ReleaseAsync("c1", 0, "a1", default);
        Assert.Equal(ClaimResult.Claimed, await _store.ClaimAsync("c1", 0, "a3", Now, Timeout, default));
    }

    [Fact]
    public async Task TryCompleteAsync_WhilePending_RefusesAndCompletesAtZero()
    {
        // Rule: a campaign completes only when its pending count is zero.
        await _store.RecordAsync("c1", new CampaignRecipient(0, "a@example.com"), new RecipientRecord(RecipientStatus.Suppressed), Now, default);
        Assert.False(await _store.TryCompleteAsync("c1", Now, default));
        await _store.RecordAsync("c1", new CampaignRecipient(1, "b@example.com"), new RecipientRecord(RecipientStatus.Failed, ErrorCode: "rejected"), Now, default);
        Assert.True(await _store.TryCompleteAsync("c1", Now, default));
        Assert.Equal(CampaignState.Completed, (await _store.GetAsync("c1", default))!.State);
        Assert.Equal(new Dictionary<string, int> { ["rejected"] = 1 }, _store.FailuresByReason("c1"));
    }

    [Fact]
    public async Task TransitionAsync_FromAnotherState_Refuses()
    {
        // Rule: a transition happens only from one of the states it names.
        Assert.False(await _store.TransitionAsync("c1", [CampaignState.Queued], CampaignState.Sending, Now, 1, default));
        Assert.True(await _store.TransitionAsync("c1", [CampaignState.Sending], CampaignState.Paused, Now, null, default));
    }
}
