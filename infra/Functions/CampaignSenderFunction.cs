using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda.EventSources;
using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// The campaign sender: consumes the campaign queue with partial batch responses, at most the
/// mapping's maximum concurrency instances at once (each paces itself to SES's rate divided by
/// it). 512 MB; 60 s, which is also the claim timeout the function is given (a claim older than
/// the timeout belongs to an ended invocation). <see cref="BatchSize"/> messages per invocation:
/// at the default 10 recipients each and 7 a second per instance (14/s over 2), about 7 s of
/// sending, well inside the timeout; a longer run hands the unstarted messages back at the
/// deadline. Alarms: a batch in the dead-letter queue, and the queue's oldest message older
/// than <see cref="OldestMessageAlarmSeconds"/>.
/// </summary>
public sealed class CampaignSenderFunction : SuiteFunction
{
    /// <summary>The function's timeout, and so the sender's claim timeout; the campaign queue's visibility timeout is six times it.</summary>
    public const int TimeoutSeconds = 60;

    /// <summary>Campaign batches per invocation.</summary>
    public const int BatchSize = 5;

    /// <summary>
    /// Four hours: at the default rate of 14 a second the sender works through about 200,000
    /// recipients in that time, so an older message means the sender is stopped, throttled or
    /// paced far below the queue's size (raise sesMaxSendRate with SES's quota).
    /// </summary>
    public const int OldestMessageAlarmSeconds = 4 * 3600;

    public CampaignSenderFunction(Construct scope, string id, CampaignSenderFunctionProps props)
        : base(scope, id, FunctionNames.CampaignSender, 512, TimeoutSeconds, (props ?? throw new ArgumentNullException(nameof(props))).Function)
    {
        Function.AddEventSource(new SqsEventSource(props.Queue, new SqsEventSourceProps
        {
            BatchSize = BatchSize,
            MaxConcurrency = props.MaxConcurrency,
            ReportBatchItemFailures = true,
        }));
        AddAlarm(
            "DeadLetterAlarm",
            props.DeadLetters.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Maximum" }),
            props.Function.AlarmAction,
            "A campaign batch failed every receive: its recipients are still pending; redrive the campaign dead-letter queue");
        var age = new Alarm(this, "OldestMessageAlarm", new AlarmProps
        {
            Metric = props.Queue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Maximum" }),
            Threshold = OldestMessageAlarmSeconds,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
            AlarmDescription = "A campaign batch has waited in the queue over four hours: the sender is stopped, throttled or paced below the backlog",
        });
        age.AddAlarmAction(props.Function.AlarmAction);
    }
}
