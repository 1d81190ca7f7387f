using System.Security.Cryptography;
using CrmMail.Kernel;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Validation;
using CrmMail.Subscriptions;

namespace CrmMail.Campaigns;

/// <summary>
/// POST /campaigns after validation: the reports are checked and their links signed once
/// (send-mail's <see cref="ReportLinkService"/>, the same code), the content and the
/// de-duplicated list go to the campaign bucket, the campaign is stored queued with its
/// counts and its creator, and only then handed to the planner. A launch that fails marks the
/// campaign failed (so nothing half-made lingers as queued) and throws, so the caller retries.
/// </summary>
public sealed class CreateCampaignFlow(
    ReportLinkService reports,
    ICampaignStore store,
    ICampaignObjects objects,
    ICampaignLauncher launcher,
    RandomNumberGenerator random,
    TimeProvider timeProvider)
{
    private static readonly CampaignState[] FromQueued = [CampaignState.Queued];

    /// <summary>Creates a campaign of <paramref name="command"/>'s recipients for API key <paramref name="createdBy"/>.</summary>
    public async Task<CreateCampaignOutcome> RunAsync(SendMailCommand command, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentException.ThrowIfNullOrEmpty(createdBy);
        IReadOnlyList<ReportLink> links = [];
        if (command.Reports is { } selection)
        {
            var (built, missing) = await reports.BuildAsync(selection, cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0)
            {
                return new CreateCampaignOutcome(CreateCampaignStatus.ReportsMissing, null, missing);
            }

            links = built;
        }

        // The planner indexes one row per identity (EmailAddress.Normalize); the total must be
        // that count, or pending never reaches zero.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var recipients = new List<string>(command.Recipients.Count);
        foreach (var recipient in command.Recipients)
        {
            var normalized = EmailAddress.Normalize(recipient);
            if (seen.Add(normalized))
            {
                recipients.Add(normalized);
            }
        }

        var id = CampaignIds.New(random);
        var campaign = new Campaign
        {
            Id = id,
            State = CampaignState.Queued,
            Counts = CampaignCounts.Start(recipients.Count),
            CreatedAt = timeProvider.GetUtcNow(),
            CreatedBy = createdBy,
            ContentKey = CampaignKeys.Content(id),
            RecipientsKey = CampaignKeys.Recipients(id),
        };
        await objects.PutContentAsync(campaign.ContentKey, CampaignContent.Of(command, links), cancellationToken).ConfigureAwait(false);
        await objects.PutRecipientsAsync(campaign.RecipientsKey, recipients, cancellationToken).ConfigureAwait(false);
        if (!await store.CreateAsync(campaign, cancellationToken).ConfigureAwait(false))
        {
            // 128 random bits: a collision is a broken random source, a bug.
            throw new InvalidOperationException("A fresh campaign id was taken.");
        }

        try
        {
            await launcher.LaunchAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException or OperationCanceledException)
        {
            await AbandonAsync(id).ConfigureAwait(false);
            throw;
        }

        return new CreateCampaignOutcome(CreateCampaignStatus.Queued, id, []);
    }

    // Best effort, outside the request's token (it may be the one that fired): a campaign the
    // planner never heard of would otherwise show queued until it expires.
    private async Task AbandonAsync(string id)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(2), timeProvider);
        try
        {
            await store.TransitionAsync(id, FromQueued, CampaignState.Failed, timeProvider.GetUtcNow(), batches: null, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException or OperationCanceledException)
        {
            // It stays queued and unplanned; the caller's retry creates a fresh campaign.
        }
    }
}
