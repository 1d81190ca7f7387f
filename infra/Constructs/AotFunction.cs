using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// What one Native-AOT function needs: a name (its description and build folder), the project
/// that publishes its <c>bootstrap</c> (any path: the construct assumes no folder layout), its
/// size, timeout and environment.
/// </summary>
public sealed record AotFunctionProps(string Name, string ProjectPath, int MemoryMb, int TimeoutSeconds, IReadOnlyDictionary<string, string> Environment, int LogRetentionDays, bool SkipBuild);

/// <summary>
/// The shared defaults of every function: provided.al2023, x86_64, the Native-AOT
/// <c>bootstrap</c> from <c>dotnet publish</c> of the given project (local bundling), JSON
/// logs, X-Ray and a retained log group with retention.
/// </summary>
public sealed class AotFunction : Construct
{
    public AotFunction(Construct scope, string id, AotFunctionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        // Checked even when the build is skipped: a wrong path is a synth error, not a deploy surprise.
        if (!File.Exists(props.ProjectPath))
        {
            throw new ArgumentException($"{props.Name}: no project at '{props.ProjectPath}'.", nameof(props));
        }

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
            code = Code.FromAsset(Path.GetDirectoryName(Path.GetFullPath(props.ProjectPath))!, new Amazon.CDK.AWS.S3.Assets.AssetOptions
            {
                AssetHashType = AssetHashType.OUTPUT,
                Bundling = new BundlingOptions
                {
                    // Never pulled: local bundling always succeeds or throws.
                    Image = DockerImage.FromRegistry("public.ecr.aws/docker/library/busybox"),
                    Local = new DotnetLocalBundling(props.ProjectPath),
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
            Environment = props.Environment.ToDictionary(),
            LoggingFormat = LoggingFormat.JSON,
            Tracing = Tracing.ACTIVE,
            LogGroup = new LogGroup(this, "Logs", new LogGroupProps { Retention = Retention(props.LogRetentionDays), RemovalPolicy = RemovalPolicy.RETAIN }),
            Description = "CRM Mail " + props.Name,
        });
    }

    public Function Function { get; }

    /// <summary>The CloudWatch Logs retention that keeps at least <paramref name="days"/> days.</summary>
    public static RetentionDays Retention(int days) => days switch
    {
        <= 7 => RetentionDays.ONE_WEEK,
        <= 14 => RetentionDays.TWO_WEEKS,
        <= 30 => RetentionDays.ONE_MONTH,
        <= 90 => RetentionDays.THREE_MONTHS,
        <= 180 => RetentionDays.SIX_MONTHS,
        _ => RetentionDays.ONE_YEAR,
    };
}
