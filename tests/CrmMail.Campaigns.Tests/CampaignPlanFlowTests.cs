namespace CrmMail.Campaigns.Tests;

public sealed class CampaignPlanFlowTests
{
    // Rule: the planner cuts the list into fixed batches numbered in order, indexes recipients by position, then marks the campaign sending.
    [Fact]
    public async Task RunAsync_QueuedCampaign_QueuesFixedBatchesThenMarksSending()
    {
        using var harness = new CampaignHarness(batchSize: 10);
        await harness.CreateAsync("c1", CampaignHarness.Addresses(25));

        var outcome = await harness.Planner.RunAsync("c1", default);

        Assert.Equal(new CampaignPlanOutcome(CampaignPlanStatus.Planned, 3), outcome);
        Assert.Equal([10, 10, 5], harness.Queued.Select(b => b.Recipients.Count));
        Assert.Equal([0, 1, 2], harness.Queued.Select(b => b.Number));
        Assert.Equal(Enumerable.Range(0, 25), harness.Queued.SelectMany(b => b.Recipients).Select(r => r.Index));
        var campaign = (await harness.Store.GetAsync("c1", default))!;
        Assert.Equal(CampaignState.Sending, campaign.State);
        Assert.Equal(3, campaign.Batches);
        Assert.Equal(harness.Subscriptions.Time.GetUtcNow(), campaign.StartedAt);
    }

    // Rule: a repeated planner event (the campaign is no longer queued) queues nothing.
    [Fact]
    public async Task RunAsync_AlreadyPlanned_QueuesNothing()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(5));
        await harness.Planner.RunAsync("c1", default);

        var again = await harness.Planner.RunAsync("c1", default);

        Assert.Equal(CampaignPlanStatus.NotQueued, again.Status);
        Assert.Single(harness.Queued);
    }

    // Rule: a list that no longer matches the campaign's total (missing, or duplicates under normalization) fails the campaign instead of leaving counts that never finish.
    [Fact]
    public async Task RunAsync_ListDoesNotMatchTotal_FailsTheCampaign()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", ["a@example.com", "A@Example.com"]);

        var outcome = await harness.Planner.RunAsync("c1", default);

        Assert.Equal(CampaignPlanStatus.Failed, outcome.Status);
        Assert.Empty(harness.Queued);
        Assert.Equal(CampaignState.Failed, (await harness.Store.GetAsync("c1", default))!.State);
    }

    // Rule: an unknown campaign id is reported, nothing queued.
    [Fact]
    public async Task RunAsync_UnknownCampaign_NotFound()
    {
        using var harness = new CampaignHarness();

        Assert.Equal(CampaignPlanStatus.NotFound, (await harness.Planner.RunAsync("nope", default)).Status);
    }
}
