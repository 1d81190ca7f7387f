namespace CrmMail.Campaigns;

/// <summary>
/// Hands a stored campaign to the planner (in AWS: <c>{"campaignId":"…"}</c> on the plan queue).
/// Failures throw <see cref="Kernel.DependencyUnavailableException"/>: the campaign was not
/// handed over and the caller answers that it should retry.
/// </summary>
public interface ICampaignLauncher
{
    /// <summary>Asks the planner to plan <paramref name="campaignId"/>.</summary>
    Task LaunchAsync(string campaignId, CancellationToken cancellationToken);
}
