namespace CrmMail.Campaigns;

/// <summary>
/// The campaign table (DynamoDB in AWS): the campaign item with its state and counts, one row
/// per recipient keyed by (campaign, recipient index) that expires after the campaign's
/// retention, and the batches parked while a campaign is paused. Dependency failures throw
/// <see cref="Kernel.DependencyUnavailableException"/>.
/// </summary>
public interface ICampaignStore
{
    /// <summary>Stores a new campaign; false when the id is taken.</summary>
    Task<bool> CreateAsync(Campaign campaign, CancellationToken cancellationToken);

    /// <summary>The campaign (a strongly consistent read), or null.</summary>
    Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the campaign from one of <paramref name="from"/> to <paramref name="to"/> (a
    /// conditional write); sets the start time when it becomes sending, the finish time when it
    /// becomes final, and the number of batches when <paramref name="batches"/> is given. False
    /// when the campaign was in another state.
    /// </summary>
    Task<bool> TransitionAsync(string campaignId, IReadOnlyCollection<CampaignState> from, CampaignState to, DateTimeOffset at, int? batches, CancellationToken cancellationToken);

    /// <summary>
    /// Claims recipient <paramref name="index"/> for delivery <paramref name="attempt"/> (a
    /// conditional put that succeeds only when the row does not exist). A claim older than
    /// <paramref name="claimTimeout"/> without a result is <see cref="ClaimResult.Orphaned"/>.
    /// </summary>
    Task<ClaimResult> ClaimAsync(string campaignId, int index, string attempt, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="recipient"/>'s result and moves one count from pending to
    /// it, in one transaction, only when the row is unrecorded (absent, or claimed without a
    /// result). False when it was recorded already (nothing counted twice).
    /// </summary>
    Task<bool> RecordAsync(string campaignId, CampaignRecipient recipient, RecipientRecord record, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the claim of <paramref name="attempt"/> when the provider did not take the message, so a later delivery can send.</summary>
    Task ReleaseAsync(string campaignId, int index, string attempt, CancellationToken cancellationToken);

    /// <summary>Completes a sending campaign whose pending count is zero; false otherwise.</summary>
    Task<bool> TryCompleteAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps a batch received while the campaign is paused, for its resume.</summary>
    Task ParkAsync(CampaignBatch batch, DateTimeOffset now, CancellationToken cancellationToken);
}
