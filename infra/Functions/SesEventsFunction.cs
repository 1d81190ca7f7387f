using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.Destinations;
using Amazon.CDK.AWS.Lambda.EventSources;
using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// SES event publishing: the configuration sets' destination → SNS → this function, invoked
/// asynchronously with two retries over six hours; what still fails lands in the dead-letter
/// queue, which alarms. 30 s for a batch of events and the contact list's round trips. With it,
/// the account-health alarms on SES's reputation metrics (the account's whole sending, published
/// by SES because the sets enable reputation metrics): a bounce rate over 5% and a complaint
/// rate over 0.1%, below where SES reviews or pauses an account (10% and 0.5%).
/// </summary>
public sealed class SesEventsFunction : SuiteFunction
{
    /// <summary>The bounce-rate alarm's threshold (a fraction).</summary>
    public const double BounceRateThreshold = 0.05;

    /// <summary>The complaint-rate alarm's threshold (a fraction).</summary>
    public const double ComplaintRateThreshold = 0.001;

    public SesEventsFunction(Construct scope, string id, SesEventsFunctionProps props)
        : base(scope, id, FunctionNames.SesEvents, 512, 30, (props ?? throw new ArgumentNullException(nameof(props))).Function)
    {
        Function.AddEventSource(new SnsEventSource(props.Events));
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
            "An SES event could not be processed");
        Reputation("BounceRateAlarm", "Reputation.BounceRate", BounceRateThreshold, "SES account bounce rate over 5% (SES reviews the account at 10%)", props.Function.AlarmAction);
        Reputation("ComplaintRateAlarm", "Reputation.ComplaintRate", ComplaintRateThreshold, "SES account complaint rate over 0.1% (SES reviews the account at 0.5%)", props.Function.AlarmAction);
    }

    private void Reputation(string id, string metricName, double threshold, string description, IAlarmAction action)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            Metric = new Metric(new MetricProps { Namespace = "AWS/SES", MetricName = metricName, Statistic = "Maximum", Period = Duration.Minutes(15) }),
            Threshold = threshold,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            // No sending, no rate: nothing to alarm on.
            TreatMissingData = TreatMissingData.NOT_BREACHING,
            AlarmDescription = description,
        });
        alarm.AddAlarmAction(action);
    }
}
