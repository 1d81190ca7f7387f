using System.Collections.Concurrent;
using CrmMail.Campaigns;
using CrmMail.Kernel;

namespace CrmMail.TestSupport;

/// <summary>
/// The campaign table's semantics in memory (the conditional claim, the record that moves a
/// count once, the conditional transitions), with faults to inject: <see cref="FailRecords"/>
/// makes that many record calls throw as DynamoDB would after its retries.
/// </summary>
public sealed class InMemoryCampaignStore : ICampaignStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Campaign> _campaigns = new(StringComparer.Ordinal);

    public ConcurrentDictionary<(string Campaign, int Index), Row> Rows { get; } = new();

    public ConcurrentDictionary<(string Campaign, int Number), CampaignBatch> Parked { get; } = new();

    public int FailRecords { get; set; }

    public int FailCompletes { get; set; }

    public Task<bool> CreateAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_campaigns.TryAdd(campaign.Id, campaign));
        }
    }

    public Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_campaigns.GetValueOrDefault(campaignId));
        }
    }

    public Task<bool> TransitionAsync(string campaignId, IReadOnlyCollection<CampaignState> from, CampaignState to, DateTimeOffset at, int? batches, CancellationToken cancellationToken)
    {
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

    public Task<bool> TryCompleteAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailCompletes > 0)
            {
                FailCompletes--;
                throw new DependencyUnavailableException("DynamoDB UpdateItem (campaign) failed: injected.");
            }

            if (!_campaigns.TryGetValue(campaignId, out var campaign) || campaign.State is not (CampaignState.Queued or CampaignState.Sending) || campaign.Counts.Pending != 0)
            {
                return Task.FromResult(false);
            }

            _campaigns[campaignId] = campaign with { State = CampaignState.Completed, FinishedAt = now, StartedAt = campaign.StartedAt ?? now };
            return Task.FromResult(true);
        }
    }

    public Task<ClaimResult> ClaimAsync(string campaignId, int index, string attempt, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Rows.TryAdd((campaignId, index), new Row(RecipientStatus.Claimed, attempt, now, null, null, null)))
            {
                return Task.FromResult(ClaimResult.Claimed);
            }

            var row = Rows[(campaignId, index)];
            return Task.FromResult(row.Status != RecipientStatus.Claimed ? ClaimResult.Done : row.ClaimedAt + claimTimeout > now ? ClaimResult.InFlight : ClaimResult.Orphaned);
        }
    }

    public Task<bool> RecordAsync(string campaignId, CampaignRecipient recipient, RecipientRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailRecords > 0)
            {
                FailRecords--;
                throw new DependencyUnavailableException("DynamoDB TransactWriteItems (campaign record) failed: injected.");
            }

            if ((Rows.TryGetValue((campaignId, recipient.Index), out var row) && row.Status != RecipientStatus.Claimed) || !_campaigns.TryGetValue(campaignId, out var campaign))
            {
                return Task.FromResult(false);
            }

            Rows[(campaignId, recipient.Index)] = new Row(record.Status, row?.Attempt, row?.ClaimedAt ?? now, recipient.Email, record.MessageId, record.ErrorCode);
            var counts = campaign.Counts;
            _campaigns[campaignId] = campaign with
            {
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

    public Task ReleaseAsync(string campaignId, int index, string attempt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Rows.TryGetValue((campaignId, index), out var row) && row.Status == RecipientStatus.Claimed && row.Attempt == attempt)
            {
                Rows.TryRemove((campaignId, index), out _);
            }

            return Task.CompletedTask;
        }
    }

    public Task ParkAsync(CampaignBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Parked[(batch.CampaignId, batch.Number)] = batch;
        return Task.CompletedTask;
    }

    /// <summary>One recipient row.</summary>
    public sealed record Row(RecipientStatus Status, string? Attempt, DateTimeOffset ClaimedAt, string? Email, string? MessageId, string? ErrorCode);
}
