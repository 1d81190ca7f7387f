using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Hosting;
using CrmMail.Hosting.Logging;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>
/// One SQS event from the plan queue: each message's body is a <see cref="PlanRequest"/>
/// (sent by POST /campaigns after it stored the campaign), planned through
/// <see cref="CampaignPlanFlow"/>. The answer is a partial batch response: an outage or the
/// invocation's deadline hands the message back (SQS redelivers it, and the redrive policy ends
/// it in the dead-letter queue after its receives), and once one has, the messages not yet
/// started are handed back untried. Planning again is safe: a campaign no longer queued is left
/// alone, and batches queued twice send nobody twice. A body that is no plan request, a missing
/// campaign, a campaign already planned or a list that does not match are logged (campaign id
/// only, never an address) and acknowledged: a retry cannot change them.
/// </summary>
internal sealed class CampaignPlannerHandler(CampaignPlanFlow flow)
{
    public async Task<SQSBatchResponse> HandleAsync(SQSEvent sqsEvent, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failures = new List<SQSBatchItemFailure>();
        var stop = false;
        using var deadline = InvocationDeadline.Start(context);
        foreach (var message in sqsEvent?.Records ?? [])
        {
            var id = message.MessageId ?? string.Empty;
            if (stop || deadline.IsExpired)
            {
                failures.Add(new SQSBatchItemFailure { ItemIdentifier = id });
                continue;
            }

            if (Parse(message.Body) is not { } campaignId)
            {
                context.Logger.WriteWarning("campaign plan ignored", LogField.Of("sqsMessageId", id), LogField.Of("reason", "no_campaign_id"));
                continue;
            }

            CampaignPlanOutcome outcome;
            try
            {
                outcome = await flow.RunAsync(campaignId, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DependencyUnavailableException || (exception is OperationCanceledException && deadline.IsExpired))
            {
                context.Logger.WriteWarning("campaign plan handed back", LogField.Of("campaignId", campaignId), LogField.Of("reason", exception is DependencyUnavailableException ? "dependency_unavailable" : "deadline"));
                failures.Add(new SQSBatchItemFailure { ItemIdentifier = id });
                stop = true;
                continue;
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
                LogField.Of("campaignId", campaignId),
                LogField.Of("status", status),
                LogField.Of("batches", outcome.Batches),
                LogField.Of("receiveCount", message.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out var receives) ? receives : null));
        }

        return new SQSBatchResponse { BatchItemFailures = failures };
    }

    private static string? Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, CampaignPlannerJsonContext.Default.PlanRequest) is { CampaignId.Length: > 0 } request ? request.CampaignId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
