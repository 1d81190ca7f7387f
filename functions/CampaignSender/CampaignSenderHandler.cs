using System.Text.Json;
using CrmMail.Campaigns;
using CrmMail.Hosting;
using CrmMail.Hosting.Logging;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.Functions.CampaignSender;

/// <summary>
/// One SQS event: each message is a <see cref="CampaignBatch"/>, sent through
/// <see cref="CampaignSendFlow"/>; the answer is a partial batch response naming the messages
/// to hand back (throttling, an outage, a claim still in flight, a body that cannot be read,
/// which the redrive policy moves to the dead-letter queue after its receives). Once a
/// dependency is down or the deadline is near, the messages not yet started are handed back
/// untried. A send whose result could not be recorded is logged with the campaign id, the
/// recipient index and the provider's message id (no address) for reconciliation.
/// </summary>
internal sealed class CampaignSenderHandler(CampaignSendFlow flow)
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

            if (Parse(message.Body) is not { } batch)
            {
                context.Logger.WriteError("campaign batch unreadable", LogField.Of("sqsMessageId", id));
                failures.Add(new SQSBatchItemFailure { ItemIdentifier = id });
                continue;
            }

            CampaignBatchOutcome outcome;
            try
            {
                outcome = await flow.RunAsync(batch, context.AwsRequestId + ":" + id, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is DependencyUnavailableException || (exception is OperationCanceledException && deadline.IsExpired))
            {
                context.Logger.WriteWarning("campaign batch handed back", LogField.Of("campaignId", batch.CampaignId), LogField.Of("batch", batch.Number), LogField.Of("reason", exception is DependencyUnavailableException ? "dependency_unavailable" : "deadline"));
                failures.Add(new SQSBatchItemFailure { ItemIdentifier = id });
                stop = true;
                continue;
            }

            foreach (var unrecorded in outcome.Unrecorded ?? [])
            {
                context.Logger.WriteError(
                    "campaign send unrecorded",
                    LogField.Of("campaignId", batch.CampaignId),
                    LogField.Of("recipientIndex", unrecorded.Index),
                    LogField.Of("messageId", unrecorded.MessageId));
            }

            context.Logger.Write(
                LogLevel.Information,
                "campaign batch",
                LogField.Of("campaignId", batch.CampaignId),
                LogField.Of("batch", batch.Number),
                LogField.Of("status", outcome.Status.ToString()),
                LogField.Of("sent", outcome.Sent),
                LogField.Of("suppressed", outcome.Suppressed),
                LogField.Of("failed", outcome.Failed),
                LogField.Of("retried", outcome.Retried),
                LogField.Of("receiveCount", message.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out var receives) ? receives : null));
            if (outcome.Status == CampaignBatchStatus.Retry)
            {
                failures.Add(new SQSBatchItemFailure { ItemIdentifier = id });
            }
        }

        return new SQSBatchResponse { BatchItemFailures = failures };
    }

    private static CampaignBatch? Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            var batch = JsonSerializer.Deserialize(body, CampaignJsonContext.Default.CampaignBatch);
            return batch is { CampaignId.Length: > 0, Recipients: not null } ? batch : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
