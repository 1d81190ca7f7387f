using CrmMail.Campaigns;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// The campaign table for <c>serve</c>, in memory (campaigns last as long as the serve process;
/// the messages they send stay in the outbox). One lock makes every operation atomic, which
/// gives DynamoDbCampaignStore's conditions: a claim succeeds only when the row is absent, a
/// result is recorded only on an absent or claimed row and moves one count from pending in the
/// same step, a release deletes only the releasing delivery's claim, and a transition or a
/// completion happens only from the states it names. It is also the campaign API's
/// <see cref="ICampaignRecords"/> (recipient pages and parked batches), as the DynamoDB table is.
/// </summary>
internal sealed class LocalCampaignStore : ICampaignStore, ICampaignRecords
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Campaign> _campaigns = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Campaign, int Index), Row> _rows = [];
    private readonly Dictionary<(string Campaign, int Number), CampaignBatch> _parked = [];

    /// <inheritdoc />
    public Task<bool> CreateAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        lock (_gate)
        {
            return Task.FromResult(_campaigns.TryAdd(campaign.Id, campaign));
        }
    }

    /// <inheritdoc />
    public Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_campaigns.GetValueOrDefault(campaignId));
        }
    }

    /// <inheritdoc />
    public Task<bool> TransitionAsync(string campaignId, IReadOnlyCollection<CampaignState> from, CampaignState to, DateTimeOffset at, int? batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(campaignId, out var campaign) || !from.Contains(campaign.State))
            {
                return Task.FromResult(false);
            }

            _campaigns[campaignId] = campaign with
            {
                State = to,
                StartedAt = to == CampaignState.Sending ? campaign.StartedAt ?? at : campaign.StartedAt,
                FinishedAt = to.IsFinal() ? at : campaign.FinishedAt,
                Batches = batches ?? campaign.Batches,
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryCompleteAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_campaigns.TryGetValue(campaignId, out var campaign) || campaign.State is not (CampaignState.Queued or CampaignState.Sending) || campaign.Counts.Pending != 0)
            {
                return Task.FromResult(false);
            }

            _campaigns[campaignId] = campaign with { State = CampaignState.Completed, FinishedAt = now, StartedAt = campaign.StartedAt ?? now };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<ClaimResult> ClaimAsync(string campaignId, int index, string attempt, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryAdd((campaignId, index), new Row(RecipientStatus.Claimed, attempt, now, null, null, null, null)))
            {
                return Task.FromResult(ClaimResult.Claimed);
            }

            var row = _rows[(campaignId, index)];
            return Task.FromResult(row.Status != RecipientStatus.Claimed ? ClaimResult.Done : row.ClaimedAt + claimTimeout > now ? ClaimResult.InFlight : ClaimResult.Orphaned);
        }
    }

    /// <inheritdoc />
    public Task<bool> RecordAsync(string campaignId, CampaignRecipient recipient, RecipientRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status == RecipientStatus.Claimed)
        {
            throw new ArgumentOutOfRangeException(nameof(record), record.Status, "Only a result is recorded.");
        }

        lock (_gate)
        {
            var exists = _rows.TryGetValue((campaignId, recipient.Index), out var row);
            if ((exists && row!.Status != RecipientStatus.Claimed) || !_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return Task.FromResult(false);
            }

            _rows[(campaignId, recipient.Index)] = new Row(record.Status, row?.Attempt, row?.ClaimedAt ?? now, record.ErrorCode, recipient.Email, record.MessageId, now);
            var counts = campaign.Counts;
            var failures = campaign.FailuresByReason;
            if (record.Status == RecipientStatus.Failed)
            {
                // Counted in the same step as the result, as the DynamoDB store's transaction does.
                var reason = record.ErrorCode ?? "unknown";
                var updated = new Dictionary<string, long>(failures, StringComparer.Ordinal);
                updated[reason] = updated.GetValueOrDefault(reason) + 1;
                failures = updated;
            }

            _campaigns[campaignId] = campaign with
            {
                FailuresByReason = failures,
                Counts = counts with
                {
                    Sent = counts.Sent + (record.Status == RecipientStatus.Sent ? 1 : 0),
                    Suppressed = counts.Suppressed + (record.Status == RecipientStatus.Suppressed ? 1 : 0),
                    Failed = counts.Failed + (record.Status == RecipientStatus.Failed ? 1 : 0),
                    Pending = counts.Pending - 1,
                },
            };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string campaignId, int index, string attempt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((campaignId, index), out var row) && row.Status == RecipientStatus.Claimed && string.Equals(row.Attempt, attempt, StringComparison.Ordinal))
            {
                _rows.Remove((campaignId, index));
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task ParkAsync(CampaignBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            _parked[(batch.CampaignId, batch.Number)] = batch;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RecipientPage> ListRecipientsAsync(string campaignId, RecipientStatus status, int? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (status == RecipientStatus.Claimed)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only results are listed.");
        }

        lock (_gate)
        {
            var rows = _rows
                .Where(r => r.Key.Campaign == campaignId && r.Key.Index > (after ?? -1) && r.Value.Status == status)
                .OrderBy(r => r.Key.Index)
                .Take(limit)
                .Select(r => new RecipientRow(r.Key.Index, r.Value.Email ?? string.Empty, status, r.Value.MessageId, r.Value.ErrorCode, r.Value.RecordedAt))
                .ToList();
            // A full page may have a next one (which may turn out empty), as the table's Query says.
            return Task.FromResult(new RecipientPage(rows, rows.Count == limit ? rows[^1].Index : null));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignBatch>> ListParkedAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CampaignBatch>>([.. _parked.Where(p => p.Key.Campaign == campaignId).OrderBy(p => p.Key.Number).Select(p => p.Value)]);
        }
    }

    /// <inheritdoc />
    public Task DeleteParkedAsync(string campaignId, int number, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _parked.Remove((campaignId, number));
        }

        return Task.CompletedTask;
    }

    /// <summary>A campaign's failed recipients by error code (for the campaign page).</summary>
    public IReadOnlyDictionary<string, int> FailuresByReason(string campaignId)
    {
        lock (_gate)
        {
            return _rows
                .Where(r => r.Key.Campaign == campaignId && r.Value.Status == RecipientStatus.Failed)
                .GroupBy(r => r.Value.ErrorCode ?? "unknown", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
    }

    /// <summary>The recorded status of recipient <paramref name="index"/>, or null when it has no row.</summary>
    public RecipientStatus? StatusOf(string campaignId, int index)
    {
        lock (_gate)
        {
            return _rows.TryGetValue((campaignId, index), out var row) ? row.Status : null;
        }
    }

    private sealed record Row(RecipientStatus Status, string? Attempt, DateTimeOffset ClaimedAt, string? ErrorCode, string? Email, string? MessageId, DateTimeOffset? RecordedAt);
}
