using System.Globalization;
using CrmMail.Lambda.SQSEvents;
using CrmMail.LocalSuite.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.LocalSuite.Tests.Campaigns;

/// <summary>The queue stand-in keeps the SQS and event source mapping semantics the campaign engine relies on; the clock is a fake one.</summary>
public sealed class LocalSqsQueueTests : IAsyncDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly LocalSqsQueue _queue;

    public LocalSqsQueueTests()
    {
        _queue = new LocalSqsQueue(new LocalQueueOptions { VisibilityTimeout = Visibility, MaxReceiveCount = 3, BatchSize = 2, MaxConcurrency = 2 }, _time);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    [Fact]
    public void Receive_BeforeTheVisibilityTimeoutEnds_HidesTheMessage()
    {
        // Rule: a received message is invisible to other receives until its visibility timeout ends.
        _queue.Send("a");
        Assert.Single(_queue.Receive(10));
        _time.Advance(Visibility - TimeSpan.FromSeconds(1));
        Assert.Empty(_queue.Receive(10));
        Assert.Equal(1, _queue.Counts.InFlight);
    }

    [Fact]
    public void Receive_AfterTheVisibilityTimeout_DeliversAgainWithTheReceiveCounted()
    {
        // Rule: an undeleted message is delivered again after the visibility timeout, its ApproximateReceiveCount one higher and a new receipt handle.
        _queue.Send("a");
        var first = Assert.Single(_queue.Receive(10));
        _time.Advance(Visibility);
        var second = Assert.Single(_queue.Receive(10));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal("1", first.Attributes!["ApproximateReceiveCount"]);
        Assert.Equal("2", second.Attributes!["ApproximateReceiveCount"]);
        Assert.NotEqual(first.ReceiptHandle, second.ReceiptHandle);
    }

    [Fact]
    public void Delete_WithAnOlderReceiptHandle_KeepsTheMessage()
    {
        // Rule: only the latest receive's receipt handle deletes (a slow consumer whose message was redelivered deletes nothing).
        _queue.Send("a");
        var first = Assert.Single(_queue.Receive(10));
        _time.Advance(Visibility);
        var second = Assert.Single(_queue.Receive(10));
        Assert.False(_queue.Delete(first.ReceiptHandle!));
        Assert.True(_queue.Delete(second.ReceiptHandle!));
        Assert.Equal(new LocalQueueCounts(0, 0, 0, 1, 0), _queue.Counts);
    }

    [Fact]
    public void Receive_AfterMaxReceiveCountReceives_MovesTheMessageToTheDeadLetterQueue()
    {
        // Rule: the redrive policy moves a message received MaxReceiveCount times without a delete to the DLQ on its next receive.
        _queue.Send("poison");
        for (var receive = 1; receive <= 3; receive++)
        {
            Assert.Single(_queue.Receive(10));
            _time.Advance(Visibility);
        }

        Assert.Empty(_queue.Receive(10));
        Assert.Equal(["poison"], _queue.DeadLetters);
        Assert.Equal(1, _queue.Counts.DeadLetter);
    }

    [Fact]
    public async Task DeliverOnce_WithMoreMessagesThanTheBatchSize_GivesTheConsumerAtMostTheBatchSize()
    {
        // Rule: one invocation gets at most the mapping's batch size of messages.
        for (var i = 0; i < 5; i++)
        {
            _queue.Send(i.ToString(CultureInfo.InvariantCulture));
        }

        var sizes = new List<int>();
        Assert.Equal(2, await _queue.DeliverOnceAsync(0, (_, e, _) => { sizes.Add(e.Records!.Count); return Task.FromResult(new SQSBatchResponse()); }, default));
        Assert.Equal([2], sizes);
        Assert.Equal(3, _queue.Counts.Visible);
    }

    [Fact]
    public async Task DeliverOnce_PartialBatchAnswer_DeletesExactlyTheMessagesItDoesNotName()
    {
        // Rule: ReportBatchItemFailures: the messages the answer names come back after the visibility timeout; the others are deleted.
        _queue.Send("ok");
        _queue.Send("retry");
        await _queue.DeliverOnceAsync(0, (_, e, _) => Task.FromResult(new SQSBatchResponse
        {
            BatchItemFailures = [new SQSBatchItemFailure { ItemIdentifier = e.Records!.Single(r => r.Body == "retry").MessageId! }],
        }), default);
        Assert.Equal(new LocalQueueCounts(0, 1, 0, 1, 1), _queue.Counts);
        _time.Advance(Visibility);
        var again = Assert.Single(_queue.Receive(10));
        Assert.Equal("retry", again.Body);
    }

    [Fact]
    public async Task DeliverOnce_ConsumerThrows_DeletesNothing()
    {
        // Rule: a failed (or killed) invocation deletes none of its messages; all come back after the visibility timeout.
        _queue.Send("a");
        _queue.Send("b");
        await _queue.DeliverOnceAsync(0, (_, _, _) => throw new InvalidOperationException("killed mid-batch"), default);
        Assert.Equal(0, _queue.Counts.Deleted);
        _time.Advance(Visibility);
        Assert.Equal(2, _queue.Receive(10).Count);
    }

    [Fact]
    public async Task DeliverOnce_AnswerNamingAnUnknownMessage_DeletesNothing()
    {
        // Rule: Lambda treats an answer naming a message not in the batch as a failure of the whole batch.
        _queue.Send("a");
        _queue.Send("b");
        await _queue.DeliverOnceAsync(0, (_, _, _) => Task.FromResult(new SQSBatchResponse { BatchItemFailures = [new SQSBatchItemFailure { ItemIdentifier = "not-in-this-batch" }] }), default);
        Assert.Equal(0, _queue.Counts.Deleted);
        Assert.Equal(2, _queue.Counts.InFlight);
    }

    [Fact]
    public async Task Start_MoreBatchesThanMaxConcurrency_RunsAtMostMaxConcurrencyInvocationsAtOnce()
    {
        // Rule: the mapping's maximum concurrency bounds the consumer invocations in flight.
        for (var i = 0; i < 8; i++)
        {
            _queue.Send(i.ToString(CultureInfo.InvariantCulture));
        }

        var current = 0;
        var most = 0;
        var handled = 0;
        var release = new SemaphoreSlim(0);
        var twoIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Start(async (instance, e, ct) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref most, now);
            if (now == 2)
            {
                twoIn.TrySetResult();
            }

            await release.WaitAsync(ct);
            Interlocked.Decrement(ref current);
            if (Interlocked.Add(ref handled, e.Records!.Count) == 8)
            {
                allDone.TrySetResult();
            }

            return new SQSBatchResponse();
        });

        await twoIn.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Two invocations hold two messages each; the other four wait on the queue.
        Assert.Equal(4, _queue.Counts.Visible);
        release.Release(100);
        await allDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The queue deletes a batch after its invocation returns, so the last deletes may trail
        // allDone by a moment (real time here only bounds a hang).
        for (var i = 0; i < 3_000 && _queue.Counts.Deleted < 8; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, most);
        Assert.Equal(8, _queue.Counts.Deleted);
    }

    [Fact]
    public async Task Start_MessageHandedBack_IsDeliveredAgainWhenTheInjectedClockPassesTheVisibilityTimeout()
    {
        // Rule: the running consumers pick a handed-back message up again once the (injected) clock passes its visibility timeout.
        _queue.Send("a");
        var receives = new List<string>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Start((_, e, _) =>
        {
            var record = e.Records!.Single();
            lock (receives)
            {
                receives.Add(record.Attributes!["ApproximateReceiveCount"]);
                (receives.Count == 1 ? first : second).TrySetResult();
            }

            return Task.FromResult(receives.Count == 1
                ? new SQSBatchResponse { BatchItemFailures = [new SQSBatchItemFailure { ItemIdentifier = record.MessageId! }] }
                : new SQSBatchResponse());
        });

        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(second.Task.IsCompleted);
        // The consumers wait on the fake clock's timer; moving it past the timeout wakes one.
        while (!second.Task.IsCompleted)
        {
            _time.Advance(Visibility);
            await Task.WhenAny(second.Task, Task.Delay(50));
        }

        Assert.Equal(["1", "2"], receives);
    }

    [Fact]
    public async Task EnqueueAsync_CampaignBatches_SendsOneMessagePerBatchAsTheSenderReadsIt()
    {
        // Rule: the planner's side (ICampaignQueue) puts each batch on the queue as one message in the CampaignBatch JSON the sender parses.
        await _queue.EnqueueAsync([new CrmMail.Campaigns.CampaignBatch("c1", 0, [new(0, "a@example.com")]), new CrmMail.Campaigns.CampaignBatch("c1", 1, [new(1, "b@example.com")])], default);
        var messages = _queue.Receive(10);
        Assert.Equal(2, messages.Count);
        var batch = System.Text.Json.JsonSerializer.Deserialize(messages[1].Body!, CrmMail.Campaigns.CampaignJsonContext.Default.CampaignBatch)!;
        Assert.Equal(1, batch.Number);
        Assert.Equal("b@example.com", Assert.Single(batch.Recipients).Email);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
