using CrmMail.Campaigns;
using CrmMail.Hosting;
using CrmMail.Hosting.Logging;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>
/// One planner event (<see cref="PlanRequest"/>, sent asynchronously by POST /campaigns): plan,
/// log, report. An outage or the invocation's deadline is thrown, so Lambda retries the event
/// (the plan is safe to repeat: a campaign no longer queued is left alone, and batches queued
/// twice send nobody twice); a missing campaign or list is logged and acknowledged.
/// </summary>
internal sealed class CampaignPlannerHandler(CampaignPlanFlow flow)
{
    public async Task<CampaignPlanReport> HandleAsync(PlanRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request is null || string.IsNullOrEmpty(request.CampaignId))
        {
            context.Logger.WriteWarning("campaign plan ignored", LogField.Of("reason", "no_campaign_id"));
            return new CampaignPlanReport("ignored", 0);
        }

        using var deadline = InvocationDeadline.Start(context);
        CampaignPlanOutcome outcome;
        try
        {
            outcome = await flow.RunAsync(request.CampaignId, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (deadline.IsExpired)
        {
            throw new DependencyUnavailableException("The invocation's time budget ran out; Lambda retries the event.", exception);
        }

        var status = outcome.Status switch
        {
            CampaignPlanStatus.Planned => "planned",
            CampaignPlanStatus.NotFound => "not_found",
            CampaignPlanStatus.NotQueued => "not_queued",
            _ => "failed",
        };
        context.Logger.Write(
            outcome.Status == CampaignPlanStatus.Planned ? LogLevel.Information : LogLevel.Warning,
            "campaign plan",
            LogField.Of("campaignId", request.CampaignId),
            LogField.Of("status", status),
            LogField.Of("batches", outcome.Batches));
        return new CampaignPlanReport(status, outcome.Batches);
    }
}
