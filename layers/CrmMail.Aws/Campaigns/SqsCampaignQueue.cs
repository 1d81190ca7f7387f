using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using CrmMail.Campaigns;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;

namespace CrmMail.Aws.Campaigns;

/// <summary>
/// The campaign queue on SQS: SendMessageBatch with ten entries per call (SQS's maximum), the
/// entries SQS refuses sent again up to <see cref="EntryAttempts"/> times, and what still fails
/// thrown as <see cref="DependencyUnavailableException"/> (the planner's event is retried, and
/// recipients already sent are skipped by their claims).
/// </summary>
public sealed class SqsCampaignQueue(IAmazonSQS sqs, string queueUrl) : ICampaignQueue
{
    /// <summary>SQS takes at most ten entries per SendMessageBatch.</summary>
    public const int EntriesPerCall = 10;

    /// <summary>How often an entry SQS refused (a partial failure of a batch call) is sent.</summary>
    public const int EntryAttempts = 3;

    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        for (var start = 0; start < batches.Count; start += EntriesPerCall)
        {
            var entries = new List<SendMessageBatchRequestEntry>(EntriesPerCall);
            for (var i = start; i < Math.Min(start + EntriesPerCall, batches.Count); i++)
            {
                entries.Add(new SendMessageBatchRequestEntry
                {
                    // Unique within the call; the batch number keeps it stable across retries.
                    Id = "b" + batches[i].Number.ToString(CultureInfo.InvariantCulture),
                    MessageBody = JsonSerializer.Serialize(batches[i], CampaignJsonContext.Default.CampaignBatch),
                });
            }

            await SendAsync(entries, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(List<SendMessageBatchRequestEntry> entries, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            SendMessageBatchResponse response;
            try
            {
                response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = entries }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is AmazonServiceException || DependencyPipeline.IsTransientFailure(exception, cancellationToken))
            {
                throw new DependencyUnavailableException(
                    string.Create(CultureInfo.InvariantCulture, $"SQS SendMessageBatch failed: {(exception as AmazonServiceException)?.ErrorCode ?? exception.GetType().Name}."), exception);
            }

            var failed = response.Failed ?? [];
            if (failed.Count == 0)
            {
                return;
            }

            if (attempt == EntryAttempts || failed.Exists(f => f.SenderFault == true))
            {
                // A sender's fault (a malformed entry) will not pass on a retry; neither does
                // an entry refused three times.
                throw new DependencyUnavailableException(
                    string.Create(CultureInfo.InvariantCulture, $"SQS refused {failed.Count} of {entries.Count} campaign batches: {failed[0].Code}."));
            }

            var retry = failed.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            entries = entries.Where(e => retry.Contains(e.Id)).ToList();
        }
    }
}
