using Amazon.SQS;
using Amazon.SQS.Model;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// <c>serve --aws-endpoint</c>: the event source mapping over a real SQS queue (moto): each of
/// MaxConcurrency loops long-polls up to the batch size, calls the consumer and deletes what
/// its partial batch response does not name. Visibility timeout, receive counts and the
/// redrive to the dead-letter queue are the queue's own.
/// </summary>
internal sealed class SqsQueuePoller(IAmazonSQS sqs, string queueUrl, LocalQueueOptions options) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public void Start(LocalQueueConsumer consumer, Action<Exception> onError)
    {
        for (var instance = 0; instance < options.MaxConcurrency; instance++)
        {
            var slot = instance;
            _loops.Add(Task.Run(() => PollAsync(slot, consumer, onError, _stop.Token)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task PollAsync(int instance, LocalQueueConsumer consumer, Action<Exception> onError, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = options.BatchSize,
                    WaitTimeSeconds = 1,
                    MessageSystemAttributeNames = ["All"],
                }, cancellationToken).ConfigureAwait(false);
                if (received.Messages is not { Count: > 0 } messages)
                {
                    continue;
                }

                var records = messages.Select(m => new SQSMessage
                {
                    MessageId = m.MessageId,
                    ReceiptHandle = m.ReceiptHandle,
                    Body = m.Body,
                    Md5OfBody = m.MD5OfBody,
                    Attributes = m.Attributes is { } attributes ? new Dictionary<string, string>(attributes, StringComparer.Ordinal) : null,
                    EventSource = "aws:sqs",
                    AwsRegion = "us-east-1",
                }).ToList();
                SQSBatchResponse? response;
                try
                {
                    response = await consumer(instance, new SQSEvent { Records = records }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A failed invocation deletes nothing: the queue delivers the batch again.
                    onError(exception);
                    continue;
                }

                var delete = PartialBatchAnswer.ToDelete(records, response) ?? [];
                if (delete.Count > 0)
                {
                    await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
                    {
                        QueueUrl = queueUrl,
                        Entries = [.. delete.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = "d" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle })],
                    }, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (AmazonSQSException exception)
            {
                onError(exception);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
