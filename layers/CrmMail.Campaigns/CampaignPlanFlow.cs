using CrmMail.Subscriptions;

namespace CrmMail.Campaigns;

/// <summary>
/// The planner: reads a queued campaign's recipient list, cuts it into batches of
/// <paramref name="batchSize"/> recipients numbered by their position in the list, puts them
/// on the queue and only then marks the campaign sending (with its start time and batch
/// count). A crash or outage before that mark leaves the campaign queued and the event is
/// retried; the batches sent twice are harmless, because every recipient is claimed once.
/// </summary>
public sealed class CampaignPlanFlow(ICampaignStore store, ICampaignObjects objects, ICampaignQueue queue, int batchSize, TimeProvider timeProvider)
{
    private static readonly CampaignState[] FromQueued = [CampaignState.Queued];

    private readonly int _batchSize = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "A batch holds at least one recipient.");

    /// <summary>Plans <paramref name="campaignId"/>.</summary>
    public async Task<CampaignPlanOutcome> RunAsync(string campaignId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        var campaign = await store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return new CampaignPlanOutcome(CampaignPlanStatus.NotFound);
        }

        if (campaign.State != CampaignState.Queued)
        {
            return new CampaignPlanOutcome(CampaignPlanStatus.NotQueued);
        }

        var list = await objects.GetRecipientsAsync(campaign.RecipientsKey, cancellationToken).ConfigureAwait(false);
        var recipients = list is null ? null : Distinct(list);
        if (recipients is null || recipients.Count != campaign.Counts.Total)
        {
            // The API stored a de-duplicated, normalized list of exactly Total addresses; any
            // other list would leave counts that never reach zero pending.
            await store.TransitionAsync(campaignId, FromQueued, CampaignState.Failed, timeProvider.GetUtcNow(), batches: null, cancellationToken).ConfigureAwait(false);
            return new CampaignPlanOutcome(CampaignPlanStatus.Failed);
        }

        var batches = new List<CampaignBatch>((recipients.Count + _batchSize - 1) / _batchSize);
        for (var start = 0; start < recipients.Count; start += _batchSize)
        {
            var slice = new List<CampaignRecipient>(Math.Min(_batchSize, recipients.Count - start));
            for (var index = start; index < Math.Min(start + _batchSize, recipients.Count); index++)
            {
                slice.Add(new CampaignRecipient(index, recipients[index]));
            }

            batches.Add(new CampaignBatch(campaignId, batches.Count, slice));
        }

        await queue.EnqueueAsync(batches, cancellationToken).ConfigureAwait(false);
        await store.TransitionAsync(campaignId, FromQueued, CampaignState.Sending, timeProvider.GetUtcNow(), batches.Count, cancellationToken).ConfigureAwait(false);
        return new CampaignPlanOutcome(CampaignPlanStatus.Planned, batches.Count);
    }

    // One index per identity (EmailAddress.Normalize): two spellings of one address would be
    // two rows, and two sends.
    private static List<string> Distinct(IReadOnlyList<string> list)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<string>(list.Count);
        foreach (var address in list)
        {
            var normalized = EmailAddress.Normalize(address);
            if (seen.Add(normalized))
            {
                distinct.Add(normalized);
            }
        }

        return distinct;
    }
}
