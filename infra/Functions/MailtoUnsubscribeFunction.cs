using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.Destinations;
using Amazon.CDK.AWS.Lambda.EventSources;
using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// Mail to the unsubscribe mailbox: SES receipt rule → SNS (Base64) → this function, invoked
/// asynchronously with two retries over six hours; what still fails lands in the dead-letter
/// queue, which alarms. 30 s for MIME parsing and the contact list's round trips.
/// </summary>
public sealed class MailtoUnsubscribeFunction : SuiteFunction
{
    public MailtoUnsubscribeFunction(Construct scope, string id, MailtoUnsubscribeFunctionProps props)
        : base(scope, id, FunctionNames.MailtoUnsubscribe, 512, 30, (props ?? throw new ArgumentNullException(nameof(props))).Function)
    {
        Function.AddEventSource(new SnsEventSource(props.InboundMail));
        Function.ConfigureAsyncInvoke(new EventInvokeConfigOptions
        {
            RetryAttempts = 2,
            MaxEventAge = Duration.Hours(6),
            OnFailure = new SqsDestination(props.DeadLetters),
        });
        AddAlarm(
            "DeadLetterAlarm",
            props.DeadLetters.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(5) }),
            props.Function.AlarmAction,
            "A mailto unsubscribe could not be processed");
    }
}
