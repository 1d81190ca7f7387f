namespace CrmMail.Campaigns;

/// <summary>
/// What the campaign API reads and tidies in the campaign table beyond the engine's
/// <see cref="ICampaignStore"/>: the recipient rows of one result, a page at a time (in AWS a
/// Query on the campaign's own partition, never a Scan), and the batches parked while the
/// campaign was paused. Dependency failures throw <see cref="Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface ICampaignRecords
{
    /// <summary>
    /// Up to <paramref name="limit"/> rows recorded with <paramref name="status"/>, in index
    /// order, from the index after <paramref name="after"/> (null: from the first).
    /// </summary>
    Task<RecipientPage> ListRecipientsAsync(string campaignId, RecipientStatus status, int? after, int limit, CancellationToken cancellationToken);

    /// <summary>The batches parked while <paramref name="campaignId"/> was paused, by number.</summary>
    Task<IReadOnlyList<CampaignBatch>> ListParkedAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Deletes parked batch <paramref name="number"/> (after it is back on the queue).</summary>
    Task DeleteParkedAsync(string campaignId, int number, CancellationToken cancellationToken);
}
