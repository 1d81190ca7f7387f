using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Constructs;
using CrmMail.Routes;

namespace CrmMail.Infra.Functions;

/// <summary>
/// POST /outreach/send-email and /outreach/send-template-email (and their CORS preflights):
/// CRM staff's individual and template emails, per-user rate limited. 512 MB for the
/// concurrent per-recipient sends; 28 s, inside API Gateway's 29 s integration timeout. Besides
/// the errors and throttles alarms, one on rate-limited requests over 100 an hour (the CRM's
/// "potential abuse or frontend issue" threshold).
/// </summary>
public sealed class OutreachSendFunction : SuiteFunction
{
    /// <summary>Rate-limited requests an hour that raise the alarm.</summary>
    public const int RateLimitedPerHourThreshold = 100;

    public OutreachSendFunction(Construct scope, string id, SuiteFunctionProps props)
        : base(scope, id, FunctionNames.OutreachSend, 512, 28, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var rateLimited = new Metric(new MetricProps
        {
            Namespace = props.Environment[Settings.Catalogue.MetricsNamespace.Name],
            MetricName = "OutreachRateLimited",
            Statistic = "Sum",
            Period = Duration.Hours(1),
        });
        var alarm = AddAlarm("RateLimitedAlarm", rateLimited, props.AlarmAction, $"More than {RateLimitedPerHourThreshold} outreach requests an hour were refused by the per-user rate limit.");
        ((CfnAlarm)alarm.Node.DefaultChild!).Threshold = RateLimitedPerHourThreshold;
    }
}
