using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// GET /outreach/campaign-stats and /outreach/tracking-data (and their CORS preflights): the
/// CRM's analytics, read from the campaign counters and the events table's indexes by Query
/// only (its role can do nothing else on them), per-user rate limited. 256 MB; 28 s, inside API
/// Gateway's 29 s integration timeout (a quarter of day reads at four in flight fits easily).
/// Besides the errors and throttles alarms, one on rate-limited requests over 100 an hour.
/// </summary>
public sealed class OutreachStatsFunction : SuiteFunction
{
    /// <summary>Rate-limited requests an hour that raise the alarm.</summary>
    public const int RateLimitedPerHourThreshold = 100;

    public OutreachStatsFunction(Construct scope, string id, SuiteFunctionProps props)
        : base(scope, id, FunctionNames.OutreachStats, 256, 28, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var rateLimited = new Metric(new MetricProps
        {
            Namespace = props.Environment[Settings.Catalogue.MetricsNamespace.Name],
            MetricName = "OutreachStatsRateLimited",
            Statistic = "Sum",
            Period = Duration.Hours(1),
        });
        var alarm = AddAlarm("RateLimitedAlarm", rateLimited, props.AlarmAction, $"More than {RateLimitedPerHourThreshold} outreach stats requests an hour were refused by the per-user rate limit.");
        ((CfnAlarm)alarm.Node.DefaultChild!).Threshold = RateLimitedPerHourThreshold;
    }
}
