namespace CrmMail.Campaigns;

/// <summary>
/// POST /campaigns/{id}/pause, /resume, /cancel: conditional state changes on the campaign
/// item, so a change that races another (the last recipient completing it, a second caller)
/// is refused with the state it found. Senders read the state before each batch, so each
/// takes effect within one batch.
/// <list type="bullet">
/// <item>pause: sending → paused (senders park what they receive).</item>
/// <item>resume: paused → sending, then every parked batch goes back on the queue and its
/// parked copy is deleted. A resume of a campaign already sending puts back what is still
/// parked (a batch parked by a sender that read "paused" just before the resume, or a resume
/// whose requeue failed), so retrying a resume is always safe.</item>
/// <item>cancel: queued, sending or paused → cancelled (recipients not yet sent never are).</item>
/// </list>
/// </summary>
public sealed class CampaignControlFlow(ICampaignStore store, ICampaignRecords records, ICampaignQueue queue, TimeProvider timeProvider)
{
    private static readonly CampaignState[] Pausable = [CampaignState.Sending];
    private static readonly CampaignState[] Resumable = [CampaignState.Paused];
    private static readonly CampaignState[] Cancellable = [CampaignState.Queued, CampaignState.Sending, CampaignState.Paused];

    /// <summary>Applies <paramref name="action"/> for <paramref name="caller"/>.</summary>
    public async Task<CampaignControlOutcome> RunAsync(string campaignId, string caller, CampaignAction action, CancellationToken cancellationToken)
    {
        var campaign = await CampaignAccess.FindAsync(store, campaignId, caller, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return new CampaignControlOutcome(CampaignControlStatus.NotFound);
        }

        var (from, to) = action switch
        {
            CampaignAction.Pause => (Pausable, CampaignState.Paused),
            CampaignAction.Resume => (Resumable, CampaignState.Sending),
            CampaignAction.Cancel => (Cancellable, CampaignState.Cancelled),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown campaign action."),
        };

        var state = campaign.State;
        if (!(action == CampaignAction.Resume && state == CampaignState.Sending))
        {
            if (!from.Contains(state) || !await store.TransitionAsync(campaignId, from, to, timeProvider.GetUtcNow(), batches: null, cancellationToken).ConfigureAwait(false))
            {
                var current = from.Contains(state) ? (await store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false))?.State ?? state : state;
                if (!(action == CampaignAction.Resume && current == CampaignState.Sending))
                {
                    return new CampaignControlOutcome(CampaignControlStatus.Conflict, current);
                }
            }
        }

        if (action != CampaignAction.Resume)
        {
            return new CampaignControlOutcome(CampaignControlStatus.Done, to);
        }

        var parked = await records.ListParkedAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (parked.Count > 0)
        {
            // Back on the queue first, deleted after: a failure in between leaves a copy that a
            // later resume sends again, which is harmless (every recipient is claimed once).
            await queue.EnqueueAsync(parked, cancellationToken).ConfigureAwait(false);
            foreach (var batch in parked)
            {
                await records.DeleteParkedAsync(campaignId, batch.Number, cancellationToken).ConfigureAwait(false);
            }
        }

        return new CampaignControlOutcome(CampaignControlStatus.Done, CampaignState.Sending, parked.Count);
    }
}
