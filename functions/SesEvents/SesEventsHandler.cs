using CrmMail.Hosting;
using CrmMail.Hosting.Logging;
using CrmMail.Inbound.SesEvents;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.SNSEvents;

namespace CrmMail.Functions.SesEvents;

/// <summary>
/// Each SNS record: parse, act, log (the reason and SES's message id, never an address). What
/// is no usable SES event is logged and acknowledged; a transient failure (DynamoDB, SES, KMS)
/// propagates, so Lambda retries the event and, in the end, hands it to the on-failure
/// destination. So does the invocation's deadline, thrown before Lambda's own timeout; the
/// records so far are stored once, so the retry finds them as duplicates.
/// </summary>
internal sealed class SesEventsHandler(SesEventFlow flow)
{
    public async Task<SesEventsReport> HandleAsync(SNSEvent snsEvent, ILambdaContext context)
    {
        var records = snsEvent?.Records ?? [];
        int recorded = 0, duplicates = 0, ignored = 0, optedOut = 0;
        using var deadline = InvocationDeadline.Start(context);
        foreach (var record in records)
        {
            SesEventOutcome outcome;
            try
            {
                outcome = await flow.RunAsync(record.Sns?.Message, context.AwsRequestId, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (deadline.IsExpired)
            {
                throw new DependencyUnavailableException("The invocation's time budget ran out; Lambda retries the event.", exception);
            }

            recorded += outcome.Recorded;
            duplicates += outcome.Duplicates;
            optedOut += outcome.OptedOut;
            if (outcome.Status == SesEventStatus.Ignored)
            {
                ignored++;
            }

            context.Logger.Write(
                outcome.Status == SesEventStatus.Ignored ? LogLevel.Warning : LogLevel.Information,
                outcome.Status == SesEventStatus.Ignored ? "ses event ignored" : "ses event",
                LogField.Of("status", outcome.Status.ToString()),
                LogField.Of("reason", outcome.Reason),
                LogField.Of("eventType", outcome.EventType),
                LogField.Of("sesMessageId", outcome.MessageId),
                LogField.Of("snsMessageId", record.Sns?.MessageId),
                LogField.Of("recorded", (long)outcome.Recorded),
                LogField.Of("optedOut", (long)outcome.OptedOut));
        }

        return new SesEventsReport(records.Count, recorded, duplicates, ignored, optedOut);
    }
}
