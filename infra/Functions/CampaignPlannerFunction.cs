using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda.EventSources;
using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// The campaign planner: consumes the plan queue (one <c>{"campaignId"}</c> per message, sent by
/// POST /campaigns) and cuts each campaign's list into batches on the campaign queue. 1024 MB and
/// five minutes for a list of a hundred thousand addresses read whole and about ten thousand
/// batches sent ten to a SendMessageBatch call. One message per invocation and at most
/// <see cref="MaxConcurrency"/> at once (Lambda's floor): a plan is a large job, and a partial
/// batch response for one message is the simplest retry. A request that failed every receive
/// lands in the dead-letter queue, which alarms.
/// </summary>
public sealed class CampaignPlannerFunction : SuiteFunction
{
    /// <summary>The function's timeout; the plan queue's visibility timeout is six times it.</summary>
    public const int TimeoutSeconds = 300;

    /// <summary>Plan requests per invocation.</summary>
    public const int BatchSize = 1;

    /// <summary>The mapping's maximum concurrency (2 is the least Lambda allows).</summary>
    public const int MaxConcurrency = 2;

    public CampaignPlannerFunction(Construct scope, string id, CampaignPlannerFunctionProps props)
        : base(scope, id, FunctionNames.CampaignPlanner, 1024, TimeoutSeconds, (props ?? throw new ArgumentNullException(nameof(props))).Function)
    {
        Function.AddEventSource(new SqsEventSource(props.PlanQueue, new SqsEventSourceProps
        {
            BatchSize = BatchSize,
            MaxConcurrency = MaxConcurrency,
            ReportBatchItemFailures = true,
        }));
        AddAlarm(
            "DeadLetterAlarm",
            props.DeadLetters.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Duration.Minutes(5), Statistic = "Maximum" }),
            props.Function.AlarmAction,
            "A campaign plan request failed every receive: the campaign is still queued; redrive the plan dead-letter queue");
    }
}
