namespace CrmMail.Campaigns;

/// <summary>
/// The campaign queue (SQS in AWS): batches go on it in groups of up to ten per call; an entry
/// the queue refuses is retried, and what still fails throws
/// <see cref="Kernel.DependencyUnavailableException"/> so the planner's event is retried
/// (batches already sent are harmless twice: each recipient is claimed once).
/// </summary>
public interface ICampaignQueue
{
    /// <summary>Sends every one of <paramref name="batches"/>.</summary>
    Task EnqueueAsync(IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken);
}
