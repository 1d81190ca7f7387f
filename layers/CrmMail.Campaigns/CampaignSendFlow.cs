using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using CrmMail.Kernel;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Validation;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Campaigns;

/// <summary>
/// The sender: one queue message (a <see cref="CampaignBatch"/>) at a time. The campaign's
/// state is read first, so a pause or cancel takes effect within one batch. Each recipient
/// goes through send-mail's <see cref="RecipientSendService"/> (subscription gate read at its
/// turn, so an unsubscribe during the run is honoured; a fresh token; footer, List-Unsubscribe
/// headers and tags by <see cref="MessageComposer"/>; audit), and, immediately before the
/// transport, waits for the pacer and claims the recipient with a conditional write. After the
/// provider answers, the result is recorded at once with the counts in one transaction.
/// <para>
/// Exactly once: a recipient with a row is never sent again. Throttling or an outage releases
/// the claim and hands the message back to the queue. The one window that remains is a crash
/// between the provider accepting and the record: that recipient's row stays claimed, and a
/// later delivery, finding it older than <see cref="CampaignSendOptions.ClaimTimeout"/>, records
/// it as failed with <c>outcome_unknown</c> rather than risk a second message (at most once).
/// </para>
/// </summary>
public sealed class CampaignSendFlow(
    ICampaignStore store,
    ICampaignObjects objects,
    RecipientSendService recipients,
    MessageComposer composer,
    RateLimiter pacer,
    CampaignSendOptions options,
    TimeProvider timeProvider)
{
    /// <summary>The error code of a recipient whose send crashed before its result was recorded.</summary>
    public const string OutcomeUnknown = "outcome_unknown";

    // Content never changes once stored; a container keeps the few campaigns it is working on.
    private const int ContentCacheLimit = 16;
    private readonly ConcurrentDictionary<string, CampaignContent> _contents = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends <paramref name="batch"/>; <paramref name="attempt"/> names this delivery (the
    /// invocation and message ids), so a claim is released only by the delivery that made it.
    /// </summary>
    public async Task<CampaignBatchOutcome> RunAsync(CampaignBatch batch, string attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(attempt);
        var campaign = await store.GetAsync(batch.CampaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null || campaign.State.IsFinal())
        {
            return new CampaignBatchOutcome(CampaignBatchStatus.Skipped);
        }

        if (campaign.State == CampaignState.Paused)
        {
            await store.ParkAsync(batch, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return new CampaignBatchOutcome(CampaignBatchStatus.Parked);
        }

        var content = await ContentAsync(campaign, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            // Stored before the campaign was: missing content is an outage of the bucket or a
            // bug, never a reason to send something else. The queue's redrive ends it in the DLQ.
            throw new DependencyUnavailableException("The campaign's content is missing.");
        }

        var command = content.ToCommand();
        var topic = command.Type.Topic();
        var tally = new Tally();
        await Parallel.ForEachAsync(
            batch.Recipients,
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (recipient, _) => await SendOneAsync(batch.CampaignId, recipient, attempt, command, content, topic, tally, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

        // Also when this delivery recorded nothing new: a redelivery after a completion that
        // failed must still complete the campaign.
        if (tally.Recorded > 0 || tally.Retried == 0)
        {
            await store.TryCompleteAsync(batch.CampaignId, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return new CampaignBatchOutcome(
            tally.Retried > 0 ? CampaignBatchStatus.Retry : CampaignBatchStatus.Done,
            tally.Sent,
            tally.Suppressed,
            tally.Failed,
            tally.Retried,
            [.. tally.Unrecorded]);
    }

    private async Task SendOneAsync(string campaignId, CampaignRecipient recipient, string attempt, SendMailCommand command, CampaignContent content, string topic, Tally tally, CancellationToken cancellationToken)
    {
        if (tally.Stopped)
        {
            // Throttling or an outage was seen: the rest of the batch waits for the queue's
            // redelivery instead of meeting the same refusal now.
            tally.Retry();
            return;
        }

        var context = new AuditContext
        {
            EventId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"campaign:{campaignId}:{recipient.Index}"),
            Source = AuditSource.SendGate,
            RequestId = attempt,
        };
        ClaimResult? claim = null;
        var result = await recipients.SendOneAsync(
            recipient.Email,
            topic,
            (address, token) => composer.Compose(command, address, token, content.Links),
            context,
            async ct =>
            {
                using (var lease = await pacer.AcquireAsync(1, ct).ConfigureAwait(false))
                {
                    if (!lease.IsAcquired)
                    {
                        return false;
                    }
                }

                claim = await store.ClaimAsync(campaignId, recipient.Index, attempt, timeProvider.GetUtcNow(), options.ClaimTimeout, ct).ConfigureAwait(false);
                return claim == ClaimResult.Claimed;
            },
            cancellationToken).ConfigureAwait(false);

        if (result is null)
        {
            switch (claim)
            {
                case ClaimResult.Done:
                    return;
                case ClaimResult.Orphaned:
                    await RecordAsync(campaignId, recipient, new RecipientRecord(RecipientStatus.Failed, ErrorCode: OutcomeUnknown), tally, cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    // Still in flight elsewhere, or the pacer refused: try again later.
                    tally.Retry();
                    return;
            }
        }

        switch (result.Status)
        {
            case RecipientResult.Sent:
                await RecordSentAsync(campaignId, recipient, result.MessageId!, tally, cancellationToken).ConfigureAwait(false);
                return;
            case RecipientResult.Suppressed:
                await RecordAsync(campaignId, recipient, new RecipientRecord(RecipientStatus.Suppressed), tally, cancellationToken).ConfigureAwait(false);
                return;
            default:
                if (result.Error is { Retryable: true })
                {
                    // The provider did not take the message (throttled, 5xx, unreachable) or a
                    // dependency failed before it: free the recipient for the redelivery.
                    tally.Stop();
                    tally.Retry();
                    if (claim == ClaimResult.Claimed)
                    {
                        await ReleaseAsync(campaignId, recipient.Index, attempt, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                await RecordAsync(campaignId, recipient, new RecipientRecord(RecipientStatus.Failed, ErrorCode: result.Error?.Code), tally, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task RecordSentAsync(string campaignId, CampaignRecipient recipient, string messageId, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            await RecordAsync(campaignId, recipient, new RecipientRecord(RecipientStatus.Sent, MessageId: messageId), tally, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException or OperationCanceledException)
        {
            // The window, made visible: the message went out, its record did not. The claim
            // stays, so no delivery sends it again; the handler logs the index and message id.
            tally.Unrecorded.Enqueue(new UnrecordedSend(recipient.Index, messageId));
            tally.Stop();
            tally.Retry();
        }
    }

    private async Task RecordAsync(string campaignId, CampaignRecipient recipient, RecipientRecord record, Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            if (await store.RecordAsync(campaignId, recipient, record, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                tally.Count(record.Status);
            }
        }
        catch (DependencyUnavailableException) when (record.Status != RecipientStatus.Sent)
        {
            // Nothing was sent (suppressed, refused, or unknown): the redelivery records it.
            tally.Stop();
            tally.Retry();
        }
        catch (OperationCanceledException) when (record.Status != RecipientStatus.Sent && cancellationToken.IsCancellationRequested)
        {
            tally.Stop();
            tally.Retry();
        }
    }

    private async Task ReleaseAsync(string campaignId, int index, string attempt, CancellationToken cancellationToken)
    {
        try
        {
            await store.ReleaseAsync(campaignId, index, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException or OperationCanceledException)
        {
            // The claim stays and ages into Orphaned: this recipient is then reported
            // outcome_unknown instead of sent, never sent twice.
        }
    }

    private async Task<CampaignContent?> ContentAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        if (_contents.TryGetValue(campaign.Id, out var cached))
        {
            return cached;
        }

        var content = await objects.GetContentAsync(campaign.ContentKey, cancellationToken).ConfigureAwait(false);
        if (content is not null)
        {
            if (_contents.Count >= ContentCacheLimit)
            {
                _contents.Clear();
            }

            _contents[campaign.Id] = content;
        }

        return content;
    }

    // Shared by the batch's parallel recipients.
    private sealed class Tally
    {
        private int _sent;
        private int _suppressed;
        private int _failed;
        private int _retried;
        private volatile bool _stopped;

        public ConcurrentQueue<UnrecordedSend> Unrecorded { get; } = new();

        public int Sent => Volatile.Read(ref _sent);

        public int Suppressed => Volatile.Read(ref _suppressed);

        public int Failed => Volatile.Read(ref _failed);

        public int Retried => Volatile.Read(ref _retried);

        public int Recorded => Sent + Suppressed + Failed;

        public bool Stopped => _stopped;

        public void Stop() => _stopped = true;

        public void Retry() => Interlocked.Increment(ref _retried);

        public void Count(RecipientStatus status)
        {
            switch (status)
            {
                case RecipientStatus.Sent:
                    Interlocked.Increment(ref _sent);
                    break;
                case RecipientStatus.Suppressed:
                    Interlocked.Increment(ref _suppressed);
                    break;
                default:
                    Interlocked.Increment(ref _failed);
                    break;
            }
        }
    }
}
