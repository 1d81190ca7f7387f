using System.Globalization;
using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// An in-process stand-in for a standard SQS queue with a redrive policy and a Lambda event
/// source mapping that reports batch item failures. It keeps the semantics the campaign engine
/// relies on: a received message is invisible for the visibility timeout and is delivered again
/// after it unless deleted; each receive counts (ApproximateReceiveCount); a delete needs the
/// latest receipt handle; a message already received MaxReceiveCount times moves to the
/// dead-letter queue on its next receive; a consumer gets up to BatchSize messages and its
/// answer deletes every message it does not name (a thrown invocation or an answer naming an
/// unknown message deletes none, as Lambda treats both as a failure of the whole batch); at
/// most MaxConcurrency invocations run at once. Time is the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LocalSqsQueue : ICampaignQueue, IAsyncDisposable
{
    private const string Arn = "arn:aws:sqs:us-east-1:000000000000:crm-mail-local-campaigns";

    private readonly LocalQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LinkedList<LocalQueueMessage> _messages = new();
    private readonly Dictionary<string, LinkedListNode<LocalQueueMessage>> _byHandle = new(StringComparer.Ordinal);
    private readonly List<LocalQueueMessage> _deadLetters = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _deleted;
    private int _invocations;
    private long _sequence;

    public LocalSqsQueue(LocalQueueOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxReceiveCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcurrency);
        if (options.BatchSize is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "SQS delivers 1 to 10 messages a receive.");
        }

        _options = options;
        _time = timeProvider;
    }

    /// <summary>
    /// Fault injection (benchmarks): called on each receive; true leaves a copy of the message
    /// visible at once, as a standard queue's at-least-once delivery may.
    /// </summary>
    public Func<bool>? DuplicateOnReceive { get; init; }

    /// <summary>Told of each failed invocation (its messages come back after the visibility timeout), so a failure is logged, not only retried.</summary>
    public Action<Exception>? InvocationFailed { get; init; }

    /// <summary>Current counts.</summary>
    public LocalQueueCounts Counts
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var visible = _messages.Count(m => m.VisibleAt <= now);
                return new LocalQueueCounts(visible, _messages.Count - visible, _deadLetters.Count, Interlocked.Read(ref _deleted), Volatile.Read(ref _invocations));
            }
        }
    }

    /// <summary>The bodies in the dead-letter queue, oldest first.</summary>
    public IReadOnlyList<string> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                return [.. _deadLetters.Select(m => m.Body)];
            }
        }
    }

    /// <inheritdoc />
    public Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            Send(JsonSerializer.Serialize(batch, CampaignJsonContext.Default.CampaignBatch));
        }

        return Task.CompletedTask;
    }

    /// <summary>SendMessage: the message is visible at once; returns its id.</summary>
    public string Send(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        string id;
        lock (_gate)
        {
            id = NewId();
            _messages.AddLast(new LocalQueueMessage(id, body, _time.GetUtcNow()));
        }

        Signal();
        return id;
    }

    /// <summary>
    /// ReceiveMessage: up to <paramref name="max"/> visible messages, oldest first, each now
    /// invisible for the visibility timeout with a fresh receipt handle and its receive counted.
    /// A message already received MaxReceiveCount times goes to the dead-letter queue instead.
    /// </summary>
    public IReadOnlyList<SQSMessage> Receive(int max)
    {
        var received = new List<SQSMessage>(max);
        var duplicates = new List<LocalQueueMessage>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var node = _messages.First;
            while (node is not null && received.Count < max)
            {
                var next = node.Next;
                var message = node.Value;
                if (message.VisibleAt <= now)
                {
                    if (message.ReceiptHandle is { } stale)
                    {
                        _byHandle.Remove(stale);
                    }

                    if (message.ReceiveCount >= _options.MaxReceiveCount)
                    {
                        _messages.Remove(node);
                        _deadLetters.Add(message);
                    }
                    else
                    {
                        message.ReceiveCount++;
                        message.FirstReceivedAt ??= now;
                        message.VisibleAt = now + _options.VisibilityTimeout;
                        message.ReceiptHandle = NewId();
                        _byHandle[message.ReceiptHandle] = node;
                        received.Add(ToEvent(message, now));
                        if (DuplicateOnReceive?.Invoke() == true)
                        {
                            duplicates.Add(new LocalQueueMessage(message.Id, message.Body, message.SentAt));
                        }
                    }
                }

                node = next;
            }

            foreach (var duplicate in duplicates)
            {
                _messages.AddLast(duplicate);
            }
        }

        return received;
    }

    /// <summary>DeleteMessage: true when <paramref name="receiptHandle"/> is the latest receive of a message still on the queue.</summary>
    public bool Delete(string receiptHandle)
    {
        lock (_gate)
        {
            if (!_byHandle.Remove(receiptHandle, out var node))
            {
                // An older receive's handle: SQS answers success and keeps the message.
                return false;
            }

            _messages.Remove(node);
            _deleted++;
            return true;
        }
    }

    /// <summary>
    /// One invocation of the mapping on <paramref name="instance"/>: receives up to the batch size,
    /// calls <paramref name="consumer"/> and deletes what its answer does not name. Returns the
    /// number of messages delivered (0 when none was visible).
    /// </summary>
    public async Task<int> DeliverOnceAsync(int instance, LocalQueueConsumer consumer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var messages = Receive(_options.BatchSize);
        if (messages.Count == 0)
        {
            return 0;
        }

        Interlocked.Increment(ref _invocations);
        SQSBatchResponse? response;
        try
        {
            response = await consumer(instance, new SQSEvent { Records = [.. messages] }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An invocation that failed (or was killed) deletes nothing: every message comes
            // back after its visibility timeout.
            InvocationFailed?.Invoke(exception);
            return messages.Count;
        }

        foreach (var message in PartialBatchAnswer.ToDelete(messages, response) ?? [])
        {
            Delete(message.ReceiptHandle!);
        }

        return messages.Count;
    }

    /// <summary>Starts MaxConcurrency consumer loops (one per instance) until the queue is disposed.</summary>
    public void Start(LocalQueueConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        lock (_gate)
        {
            if (_pumps.Count > 0)
            {
                throw new InvalidOperationException("The consumers are running already.");
            }

            for (var instance = 0; instance < _options.MaxConcurrency; instance++)
            {
                var slot = instance;
                _pumps.Add(Task.Run(() => PumpAsync(slot, consumer, _stop.Token)));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Signal();
        try
        {
            await Task.WhenAll(_pumps).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(int instance, LocalQueueConsumer consumer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Task arrived;
            lock (_gate)
            {
                arrived = _arrived.Task;
            }

            if (await DeliverOnceAsync(instance, consumer, cancellationToken).ConfigureAwait(false) > 0)
            {
                continue;
            }

            // Nothing visible: wait for a new message, or for the earliest in-flight one to
            // become visible again (the injected clock's timer, so a test's clock drives it).
            var wait = NextVisible() is { } at ? at - _time.GetUtcNow() : Timeout.InfiniteTimeSpan;
            if (wait != Timeout.InfiniteTimeSpan && wait <= TimeSpan.Zero)
            {
                continue;
            }

            var delay = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.Delay(wait, _time, cancellationToken);
            await Task.WhenAny(arrived, delay).ConfigureAwait(false);
        }
    }

    private DateTimeOffset? NextVisible()
    {
        lock (_gate)
        {
            return _messages.Count == 0 ? null : _messages.Min(m => m.VisibleAt);
        }
    }

    private void Signal()
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }

    private string NewId()
        => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    private static SQSMessage ToEvent(LocalQueueMessage message, DateTimeOffset now) => new()
    {
        MessageId = message.Id,
        ReceiptHandle = message.ReceiptHandle,
        Body = message.Body,
        Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            ["SentTimestamp"] = message.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["ApproximateFirstReceiveTimestamp"] = (message.FirstReceivedAt ?? now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["SenderId"] = "000000000000",
        },
        EventSource = "aws:sqs",
        EventSourceArn = Arn,
        AwsRegion = "us-east-1",
    };
}
