using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>What one function needs: its project, size and environment.</summary>
public sealed record AotFunctionProps(string Name, int MemoryMb, int TimeoutSeconds, IDictionary<string, string> Environment, int LogRetentionDays, bool SkipBuild);

/// <summary>
/// The shared defaults of every function: provided.al2023, x86_64, the Native-AOT
/// <c>bootstrap</c> from <c>dotnet publish</c> (local bundling), JSON logs, X-Ray, log
/// retention, and alarms on errors and throttles.
/// </summary>
public sealed class AotFunction : Construct
{
    public AotFunction(Construct scope, string id, AotFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var root = StackSettings.RepositoryRoot();
        var project = Path.Combine(root, "functions", props.Name, props.Name + ".csproj");
        Code code;
        if (props.SkipBuild)
        {
            // Template tests: an empty bootstrap keeps synth fast; the template is the same.
            var stub = Path.Combine(Path.GetTempPath(), "crm-mail-skip-build", props.Name);
            Directory.CreateDirectory(stub);
            File.WriteAllText(Path.Combine(stub, "bootstrap"), string.Empty);
            code = Code.FromAsset(stub);
        }
        else
        {
            code = Code.FromAsset(Path.Combine(root, "functions", props.Name), new Amazon.CDK.AWS.S3.Assets.AssetOptions
            {
                AssetHashType = AssetHashType.OUTPUT,
                Bundling = new BundlingOptions
                {
                    // Never pulled: local bundling always succeeds or throws.
                    Image = DockerImage.FromRegistry("public.ecr.aws/docker/library/busybox"),
                    Local = new DotnetLocalBundling(project),
                },
            });
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = "bootstrap",
            Code = code,
            MemorySize = props.MemoryMb,
            Timeout = Duration.Seconds(props.TimeoutSeconds),
            Environment = props.Environment,
            LoggingFormat = LoggingFormat.JSON,
            Tracing = Tracing.ACTIVE,
            LogGroup = new LogGroup(this, "Logs", new LogGroupProps { Retention = Retention(props.LogRetentionDays), RemovalPolicy = RemovalPolicy.RETAIN }),
            Description = "CRM Mail " + props.Name,
        });
    }

    public Function Function { get; }

    /// <summary>Errors and throttles alarms, sent to <paramref name="alarmAction"/>.</summary>
    public void AddAlarms(Amazon.CDK.AWS.CloudWatch.IAlarmAction alarmAction)
    {
        foreach (var (name, metric) in new[] { ("Errors", Function.MetricErrors(new MetricOptions { Period = Duration.Minutes(5) })), ("Throttles", Function.MetricThrottles(new MetricOptions { Period = Duration.Minutes(5) })) })
        {
            var alarm = new Alarm(this, name + "Alarm", new AlarmProps
            {
                Metric = metric,
                Threshold = 1,
                EvaluationPeriods = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });
            alarm.AddAlarmAction(alarmAction);
        }
    }

    private static RetentionDays Retention(int days) => days switch
    {
        <= 7 => RetentionDays.ONE_WEEK,
        <= 14 => RetentionDays.TWO_WEEKS,
        <= 30 => RetentionDays.ONE_MONTH,
        <= 90 => RetentionDays.THREE_MONTHS,
        <= 180 => RetentionDays.SIX_MONTHS,
        _ => RetentionDays.ONE_YEAR,
    };
}
