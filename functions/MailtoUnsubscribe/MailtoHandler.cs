using CrmMail.Hosting;
using CrmMail.Hosting.Logging;
using CrmMail.Inbound.Mailto;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Subscriptions;

namespace CrmMail.Functions.MailtoUnsubscribe;

/// <summary>
/// Each SNS record: parse, act, log. What cannot be acted on (not a Received notification,
/// malformed JSON, content over the limit, an unverified sender) is logged and acknowledged;
/// a transient failure (SES, KMS, DynamoDB) propagates, so Lambda retries the event and, in
/// the end, hands it to the on-failure destination. So does the invocation's deadline: it is
/// thrown before Lambda's own timeout, with the records so far applied and audited (they are
/// idempotent, so the retry re-applies nothing).
/// </summary>
internal sealed class MailtoHandler(MailtoUnsubscribeFlow flow, PiiHasher hasher, int maxContentBytes)
{
    public async Task<MailtoReport> HandleAsync(SNSEvent snsEvent, ILambdaContext context)
    {
        var records = snsEvent.Records ?? [];
        int applied = 0, ignored = 0;
        using var deadline = InvocationDeadline.Start(context);
        foreach (var record in records)
        {
            var parsed = MailtoParser.Parse(record.Sns?.Message, maxContentBytes);
            if (parsed.Message is not { } message)
            {
                ignored++;
                context.Logger.WriteWarning("mailto ignored", LogField.Of("reason", parsed.IgnoredReason), LogField.Of("snsMessageId", record.Sns?.MessageId));
                continue;
            }

            MailtoOutcome outcome;
            try
            {
                outcome = await flow.RunAsync(message, context.AwsRequestId, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (deadline.IsExpired)
            {
                throw new DependencyUnavailableException("The invocation's time budget ran out; Lambda retries the event.", exception);
            }

            if (outcome.Applied)
            {
                applied++;
            }
            else
            {
                ignored++;
            }

            context.Logger.Write(
                outcome.Applied ? LogLevel.Information : LogLevel.Warning,
                outcome.Applied ? "mailto unsubscribe" : "mailto ignored",
                LogField.Of("reason", outcome.Reason),
                LogField.Of("topics", string.Join(',', outcome.Topics)),
                LogField.Of("changed", outcome.Changed),
                LogField.Of("sesMessageId", message.MessageId),
                LogField.Of("contactHash", outcome.Email is null ? null : hasher.Hash(outcome.Email)),
                LogField.Of("spf", message.Verdicts.Spf),
                LogField.Of("dkim", message.Verdicts.Dkim),
                LogField.Of("dmarc", message.Verdicts.Dmarc));
        }

        return new MailtoReport(records.Count, applied, ignored);
    }
}
