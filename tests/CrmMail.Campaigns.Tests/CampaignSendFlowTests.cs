using System.Threading.RateLimiting;
using CrmMail.Mail.Reports;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Campaigns.Tests;

public sealed class CampaignSendFlowTests
{
    // Rule: a campaign sends each recipient exactly once, records each result and completes when none is pending.
    [Fact]
    public async Task RunAsync_EveryBatch_SendsEachRecipientOnceAndCompletes()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(25));

        var retry = await harness.RunOnceAsync("c1");

        Assert.Empty(retry);
        Assert.Equal(CampaignHarness.Addresses(25).Order(StringComparer.Ordinal), harness.Transport.Sent.Select(m => m.To).Order(StringComparer.Ordinal));
        var campaign = (await harness.Store.GetAsync("c1", default))!;
        Assert.Equal(CampaignState.Completed, campaign.State);
        Assert.Equal(new CampaignCounts(25, 25, 0, 0, 0), campaign.Counts);
        Assert.All(harness.Store.Rows.Values, row => Assert.StartsWith("ses-", row.MessageId, StringComparison.Ordinal));
    }

    // Rule: a redelivered message (at-least-once delivery) sends nothing twice and counts nothing twice.
    [Fact]
    public async Task RunAsync_RedeliveredBatch_SendsNothingTwice()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(10));
        await harness.RunOnceAsync("c1");

        var again = await harness.Sender.RunAsync(harness.Queued[0], "attempt-2", default);

        Assert.Equal(CampaignBatchStatus.Skipped, again.Status);
        await harness.Store.TransitionAsync("c1", [CampaignState.Completed], CampaignState.Sending, harness.Subscriptions.Time.GetUtcNow(), null, default);
        var whileSending = await harness.Sender.RunAsync(harness.Queued[0], "attempt-3", default);
        Assert.Equal(CampaignBatchStatus.Done, whileSending.Status);
        Assert.Equal(0, whileSending.Sent);
        Assert.Equal(10, harness.Transport.Sent.Count);
        Assert.Equal(10, (await harness.Store.GetAsync("c1", default))!.Counts.Sent);
    }

    // Rule: the same batch delivered twice at once (a duplicate SQS delivery) still sends each recipient once.
    [Fact]
    public async Task RunAsync_DuplicateConcurrentDeliveries_SendEachRecipientOnce()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(10));
        await harness.Planner.RunAsync("c1", default);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => harness.Sender.RunAsync(harness.Queued[0], "attempt-" + i, default)));

        Assert.Equal(10, harness.Transport.Sent.Count);
        Assert.Equal(10, harness.Transport.Sent.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(10, outcomes.Sum(o => o.Sent));
    }

    // Rule: SES throttling releases the claims and hands the batch back; redeliveries send the rest, nobody twice, nobody failed.
    [Fact]
    public async Task RunAsync_Throttled_ReturnsRecipientsToTheQueueThenSendsThem()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(10));
        harness.Transport.Throttle = 3;

        var retry = await harness.RunOnceAsync("c1");

        Assert.Single(retry);
        var mid = (await harness.Store.GetAsync("c1", default))!;
        Assert.Equal(0, mid.Counts.Failed);
        Assert.Equal(10 - mid.Counts.Sent, mid.Counts.Pending);
        Assert.DoesNotContain(harness.Store.Rows.Values, row => row.Status == RecipientStatus.Claimed);

        // Each delivery meets at most the throttling left, so the fourth at the latest is clean.
        for (var attempt = 2; attempt <= 4 && retry.Count > 0; attempt++)
        {
            retry = await harness.DeliverAsync(retry, "attempt-" + attempt);
        }

        Assert.Empty(retry);
        Assert.Equal(10, harness.Transport.Sent.Count);
        Assert.Equal(10, harness.Transport.Sent.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(new CampaignCounts(10, 10, 0, 0, 0), (await harness.Store.GetAsync("c1", default))!.Counts);
        Assert.Equal(CampaignState.Completed, (await harness.Store.GetAsync("c1", default))!.State);
    }

    // Rule: a crash between SES accepting and the record never leads to a second send: the
    // orphaned claim is recorded as failed outcome_unknown once its invocation has certainly ended.
    [Fact]
    public async Task RunAsync_RecordLostAfterSend_NeverResendsAndReportsOutcomeUnknown()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(1));
        await harness.Planner.RunAsync("c1", default);
        harness.Store.FailRecords = 1;

        var first = await harness.Sender.RunAsync(harness.Queued[0], "attempt-1", default);
        var tooSoon = await harness.Sender.RunAsync(harness.Queued[0], "attempt-2", default);
        harness.Subscriptions.Time.Advance(CampaignHarness.ClaimTimeout);
        var late = await harness.Sender.RunAsync(harness.Queued[0], "attempt-3", default);

        Assert.Equal(CampaignBatchStatus.Retry, first.Status);
        Assert.Equal([new UnrecordedSend(0, "ses-1")], first.Unrecorded);
        Assert.Equal(CampaignBatchStatus.Retry, tooSoon.Status);
        Assert.Equal(CampaignBatchStatus.Done, late.Status);
        Assert.Single(harness.Transport.Sent);
        var campaign = (await harness.Store.GetAsync("c1", default))!;
        Assert.Equal(new CampaignCounts(1, 0, 0, 1, 0), campaign.Counts);
        Assert.Equal(CampaignSendFlow.OutcomeUnknown, harness.Store.Rows[("c1", 0)].ErrorCode);
    }

    // Rule: when completing the campaign fails after the last record, the redelivery (which records nothing new) completes it.
    [Fact]
    public async Task RunAsync_CompletionFailedOnce_RedeliveryCompletes()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(2));
        await harness.Planner.RunAsync("c1", default);
        harness.Store.FailCompletes = 1;

        await Assert.ThrowsAsync<CrmMail.Kernel.DependencyUnavailableException>(() => harness.Sender.RunAsync(harness.Queued[0], "attempt-1", default));
        var again = await harness.Sender.RunAsync(harness.Queued[0], "attempt-2", default);

        Assert.Equal(CampaignBatchStatus.Done, again.Status);
        Assert.Equal(2, harness.Transport.Sent.Count);
        Assert.Equal(CampaignState.Completed, (await harness.Store.GetAsync("c1", default))!.State);
    }

    // Rule: a provider refusal is final (failed with its code, counted once), not retried.
    [Fact]
    public async Task RunAsync_ProviderRefuses_RecordsFailedWithCode()
    {
        using var harness = new CampaignHarness();
        await harness.CreateAsync("c1", CampaignHarness.Addresses(3));
        harness.Transport.Reject.Add("payee1@example.com");

        Assert.Empty(await harness.RunOnceAsync("c1"));

        Assert.Equal(new CampaignCounts(3, 2, 0, 1, 0), (await harness.Store.GetAsync("c1", default))!.Counts);
        Assert.Equal("transport_rejected", harness.Store.Rows[("c1", 1)].ErrorCode);
    }

    // Rule: an unsubscribe that happens while the campaign runs is honoured for recipients not yet sent.
    [Fact]
    public async Task RunAsync_UnsubscribedDuringTheRun_SuppressesTheLaterBatch()
    {
        using var harness = new CampaignHarness(batchSize: 2);
        await harness.CreateAsync("c1", CampaignHarness.Addresses(4));
        await harness.Planner.RunAsync("c1", default);
        await harness.DeliverAsync([harness.Queued[0]]);

        await harness.Subscriptions.Services.Subscriptions.UnsubscribeAsync("payee3@example.com", Topics.Financial, new AuditContext { EventId = "unsub-1", Source = AuditSource.Post }, default);
        await harness.DeliverAsync([harness.Queued[1]]);

        Assert.DoesNotContain(harness.Transport.Sent, m => m.To == "payee3@example.com");
        Assert.Equal(RecipientStatus.Suppressed, harness.Store.Rows[("c1", 3)].Status);
        Assert.Equal(new CampaignCounts(4, 3, 1, 0, 0), (await harness.Store.GetAsync("c1", default))!.Counts);
    }

    // Rule: pause takes effect within one batch: the next batch is parked (acknowledged, nothing sent) for the resume.
    [Fact]
    public async Task RunAsync_Paused_ParksTheBatchAndSendsNothing()
    {
        using var harness = new CampaignHarness(batchSize: 2);
        await harness.CreateAsync("c1", CampaignHarness.Addresses(4));
        await harness.Planner.RunAsync("c1", default);
        await harness.DeliverAsync([harness.Queued[0]]);

        await harness.Store.TransitionAsync("c1", [CampaignState.Sending], CampaignState.Paused, harness.Subscriptions.Time.GetUtcNow(), null, default);
        var outcome = await harness.Sender.RunAsync(harness.Queued[1], "attempt-1", default);

        Assert.Equal(CampaignBatchStatus.Parked, outcome.Status);
        Assert.Equal(2, harness.Transport.Sent.Count);
        Assert.Equal(harness.Queued[1], harness.Store.Parked[("c1", 1)]);
    }

    // Rule: cancel takes effect within one batch: later batches are dropped unsent.
    [Fact]
    public async Task RunAsync_Cancelled_SkipsTheBatch()
    {
        using var harness = new CampaignHarness(batchSize: 2);
        await harness.CreateAsync("c1", CampaignHarness.Addresses(4));
        await harness.Planner.RunAsync("c1", default);
        await harness.Store.TransitionAsync("c1", [CampaignState.Sending], CampaignState.Cancelled, harness.Subscriptions.Time.GetUtcNow(), null, default);

        var outcome = await harness.Sender.RunAsync(harness.Queued[0], "attempt-1", default);

        Assert.Equal(CampaignBatchStatus.Skipped, outcome.Status);
        Assert.Empty(harness.Transport.Sent);
    }

    // Rule: each campaign message carries send-mail's per-recipient parts: List-Unsubscribe headers,
    // the footer with the recipient's own link, the campaign's once-signed report links and the hashed tags.
    [Fact]
    public async Task RunAsync_Message_CarriesSendMailsPerRecipientParts()
    {
        using var harness = new CampaignHarness();
        var link = new ReportLink("P-1", "statement.pdf", 2048, new Uri("https://d111111abcdef8.cloudfront.net/reports/2026/11/P-1/statement.pdf?Signature=abc"), harness.Subscriptions.Time.GetUtcNow().AddDays(25));
        await harness.CreateAsync("c1", CampaignHarness.Addresses(2), [link]);

        await harness.RunOnceAsync("c1");

        var messages = harness.Transport.Sent.ToList();
        Assert.All(messages, m =>
        {
            Assert.Contains(m.Headers, h => h.Name == "List-Unsubscribe");
            Assert.Contains(link.Url.AbsoluteUri, m.Text, StringComparison.Ordinal);
            Assert.Contains("Unsubscribe: https://api.example.com/prod", m.Text, StringComparison.Ordinal);
            Assert.Contains(m.Tags, t => t.Name == "recipient" && t.Value == harness.Subscriptions.Services.Hasher.Hash(m.To));
            Assert.Contains(m.Tags, t => t is { Name: "campaign", Value: "november-statements" });
        });
        Assert.NotEqual(messages[0].Headers.Single(h => h.Name == "List-Unsubscribe").Value, messages[1].Headers.Single(h => h.Name == "List-Unsubscribe").Value);
    }

    // Rule: when the pacer cannot grant a send, nothing is claimed and the batch goes back to the queue.
    [Fact]
    public async Task RunAsync_PacerRefuses_ClaimsNothingAndRetries()
    {
        using var refusing = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1), QueueLimit = 0, AutoReplenishment = false });
        using var harness = new CampaignHarness(refusing);
        await harness.CreateAsync("c1", CampaignHarness.Addresses(3));

        var retry = await harness.RunOnceAsync("c1");

        Assert.Single(retry);
        Assert.Single(harness.Transport.Sent);
        Assert.Single(harness.Store.Rows);
    }
}
