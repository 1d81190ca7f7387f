using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using CrmMail.Aws.Iam;
using CrmMail.Campaigns;
using CrmMail.Infra.Constructs;
using CrmMail.Settings;

namespace CrmMail.Infra.Functions;

/// <summary>
/// One function of the suite with everything that belongs to it: the Native-AOT function, its
/// role's grants (exactly what its composition's adapter calls declare, on the resources its
/// variables name) and its alarms on errors and throttles. Each function is a subclass that
/// says its size and adds its own wiring.
/// </summary>
public abstract class SuiteFunction : Construct
{
    protected SuiteFunction(Construct scope, string id, string name, int memoryMb, int timeoutSeconds, SuiteFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.Composition.Function != name)
        {
            throw new ArgumentException($"{name}: given the composition of {props.Composition.Function}.", nameof(props));
        }

        Name = name;
        // "Default" is left out of logical ids: the function, role and log group keep the ids
        // they had when the stack built them inline (SendMailFunction…, SendMailLogs…).
        Function = new AotFunction(this, "Default", new AotFunctionProps(name, props.ProjectPath, memoryMb, timeoutSeconds, props.Environment, props.LogRetentionDays, props.SkipBuild)).Function;
        Grant(props.Composition, props.Resources);
        foreach (var (alarm, metric) in new[] { ("Errors", Function.MetricErrors(new MetricOptions { Period = Duration.Minutes(5) })), ("Throttles", Function.MetricThrottles(new MetricOptions { Period = Duration.Minutes(5) })) })
        {
            AddAlarm(alarm + "Alarm", metric, props.AlarmAction);
        }
    }

    /// <summary>The function's name (its folder and route table name).</summary>
    public string Name { get; }

    public Function Function { get; }

    public IRole Role => Function.Role!;

    /// <summary>An alarm of this function at one or more per five minutes, sent to <paramref name="alarmAction"/>.</summary>
    protected Alarm AddAlarm(string id, IMetric metric, IAlarmAction alarmAction, string? description = null)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            Metric = metric,
            Threshold = 1,
            EvaluationPeriods = 1,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
            AlarmDescription = description,
        });
        alarm.AddAlarmAction(alarmAction);
        return alarm;
    }

    /// <summary>
    /// Least privilege from the composition: exactly the actions its adapter calls declare
    /// (CrmMail.Aws.Iam.AdapterPermissions), on the resource the function is pointed at, with
    /// the token purpose as the KMS encryption-context condition.
    /// </summary>
    private void Grant(FunctionComposition composition, FunctionResources resources)
    {
        foreach (var use in composition.Uses)
        {
            foreach (var group in use.Requirements.GroupBy(r => (r.Resource, r.KeyPrefix)))
            {
                Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
                {
                    Sid = Sid(use.Call + use.Binding + group.Key.Resource + group.Key.KeyPrefix),
                    Actions = group.Select(r => r.Action).Distinct().ToArray(),
                    Resources = resources.Resolve(Name, use, group.Key.Resource, group.Key.KeyPrefix),
                    Conditions = FunctionResources.Conditions(use, group.Key.Resource),
                }));
            }
        }

        Nag.Suppress(Role, new Nag.Rule("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs; the managed policy is the standard one for that.", "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        var wildcards = new List<Nag.Rule> { new("AwsSolutions-IAM5", "X-Ray PutTraceSegments/PutTelemetryRecords (active tracing) support no resource-level permissions: the resource must be *.", "Resource::*") };
        bool GrantsObjectsOf(string binding, string? keyPrefix = null) => composition.Uses.Any(u => u.Binding == binding && u.Requirements.Any(r => r.Resource == IamResourceKind.BucketObjects && r.KeyPrefix == keyPrefix));
        if (GrantsObjectsOf(Catalogue.ReportsBucket.Name))
        {
            wildcards.Add(new("AwsSolutions-IAM5", "Reads report objects under any key in the one reports bucket: the CRM names the keys at send time.", "/^Resource::<Reports[0-9A-F]+\\.Arn>\\/\\*$/"));
        }

        if (GrantsObjectsOf(Catalogue.CampaignBucket.Name))
        {
            wildcards.Add(new("AwsSolutions-IAM5", "Reads (GetObject only) any object of the one campaign bucket: each campaign's content and list sit under keys the campaign API chooses per campaign.", "/^Resource::<CampaignsBucket[0-9A-F]+\\.Arn>\\/\\*$/"));
        }

        if (GrantsObjectsOf(Catalogue.CampaignBucket.Name, CampaignKeys.CampaignsPrefix))
        {
            wildcards.Add(new("AwsSolutions-IAM5", "Writes (PutObject only) under campaigns/ of the one campaign bucket: a new campaign's content and list go under its fresh random id.", "/^Resource::<CampaignsBucket[0-9A-F]+\\.Arn>\\/campaigns\\/\\*$/"));
        }

        if (GrantsObjectsOf(Catalogue.CampaignBucket.Name, CampaignKeys.UploadsPrefix))
        {
            wildcards.Add(new("AwsSolutions-IAM5", "PutObject (the presigned upload PUTs, authorised as the signing role) and GetObject (reading an uploaded list) under uploads/ of the one campaign bucket: each upload gets a fresh random key under its caller's prefix.", "/^Resource::<CampaignsBucket[0-9A-F]+\\.Arn>\\/uploads\\/\\*$/"));
        }

        if (composition.Uses.Any(u => u.Requirements.Any(r => r.Resource == IamResourceKind.EmailTemplate)))
        {
            wildcards.Add(new("AwsSolutions-IAM5", "Reads (GetEmailTemplate only) any of the account's SES templates: the CRM names the template at send time.", "/^Resource::arn:<AWS::Partition>:ses:[^:]+:[^:]+:template\\/\\*$/"));
        }

        if (composition.Uses.Any(u => u.Requirements.Any(r => r.Resource == IamResourceKind.TableIndexes)))
        {
            wildcards.Add(new("AwsSolutions-IAM5", "Query only, on the indexes of the tables the function reads (the stats read side: byDay, byMessage, byRecipient).", "/^Resource::<[A-Za-z0-9]+\\.Arn>\\/index\\/\\*$/"));
        }

        Nag.Suppress(Role.Node.FindChild("DefaultPolicy"), wildcards.ToArray());
    }

    private static string Sid(string text) => new(text.Where(char.IsAsciiLetterOrDigit).ToArray());
}
