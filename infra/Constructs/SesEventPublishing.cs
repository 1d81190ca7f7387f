using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// SES event publishing: two configuration sets whose event destination sends every event
/// type to one SNS topic (SesEvents subscribes). Open and click tracking is a property of a
/// set (SES adds the pixel and rewrites links only when the destination takes Open and Click),
/// so the <c>Tracked</c> set takes all ten types and the <c>Untracked</c> one all but Open and
/// Click; each stream is sent with one of them (<see cref="For"/>, by the context switches
/// <c>sesTrackOutreach</c>, on, and <c>sesTrackFinancial</c>, off). Reputation metrics are on,
/// so the account-health alarms have their data.
/// </summary>
public sealed class SesEventPublishing : Construct
{
    /// <summary>What SES publishes to SesEvents from every set (CloudFormation's names).</summary>
    public static IReadOnlyList<string> UntrackedEvents { get; } = ["send", "reject", "bounce", "complaint", "delivery", "renderingFailure", "deliveryDelay", "subscription"];

    /// <summary>The tracked set's events: the untracked ones and opens and clicks.</summary>
    public static IReadOnlyList<string> TrackedEvents { get; } = [.. UntrackedEvents, "open", "click"];

    private readonly StackSettings _settings;

    public SesEventPublishing(Construct scope, string id, StackSettings settings)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        Topic = new Topic(this, "Topic", new TopicProps { DisplayName = "SES events of the suite's configuration sets" });
        // Only SES, for this account's configuration sets, may publish; never without TLS (cdk-nag SNS3).
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SesPublishesEvents",
            Principals = [new ServicePrincipal("ses.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Amazon.CDK.Aws.ACCOUNT_ID },
                ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{Amazon.CDK.Aws.PARTITION}:ses:{Amazon.CDK.Aws.REGION}:{Amazon.CDK.Aws.ACCOUNT_ID}:configuration-set/*" },
            },
        }));
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyPublishWithoutTls",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
        }));
        Nag.Suppress(Topic, new Nag.Rule("AwsSolutions-SNS2", "SES event records carry no message content, only ids, tags (hashes, campaign names) and addresses that SesEvents hashes; SSE with a customer key would need SES to be granted the key, for no gain over SNS's encryption in transit (TLS is enforced)."));

        Tracked = Set("Tracked", settings.Physical(settings.StackName.ToLowerInvariant() + "-tracked"), TrackedEvents);
        Untracked = Set("Untracked", settings.Physical(settings.StackName.ToLowerInvariant() + "-untracked"), UntrackedEvents);
    }

    /// <summary>The topic SesEvents subscribes to.</summary>
    public Topic Topic { get; }

    /// <summary>The set with open and click tracking.</summary>
    public CfnConfigurationSet Tracked { get; }

    /// <summary>The set without.</summary>
    public CfnConfigurationSet Untracked { get; }

    /// <summary>The name of the set mail on <paramref name="topic"/> is sent with (the context switches decide).</summary>
    public string For(string topic) => (topic == CrmMail.Subscriptions.Topics.Outreach ? _settings.SesTrackOutreach : _settings.SesTrackFinancial) ? Tracked.Ref : Untracked.Ref;

    /// <summary>The ARNs of the sets the streams are sent with (SendEmail is authorised on the set as well as the identity).</summary>
    public string[] Arns => new[] { _settings.SesTrackOutreach, _settings.SesTrackFinancial }.Distinct().Select(tracked => Arn(tracked ? Tracked : Untracked)).ToArray();

    private static string Arn(CfnConfigurationSet set) => $"arn:{Amazon.CDK.Aws.PARTITION}:ses:{Amazon.CDK.Aws.REGION}:{Amazon.CDK.Aws.ACCOUNT_ID}:configuration-set/{set.Ref}";

    private CfnConfigurationSet Set(string id, string name, IReadOnlyList<string> events)
    {
        var set = new CfnConfigurationSet(this, id, new CfnConfigurationSetProps
        {
            Name = name,
            ReputationOptions = new CfnConfigurationSet.ReputationOptionsProperty { ReputationMetricsEnabled = true },
            SendingOptions = new CfnConfigurationSet.SendingOptionsProperty { SendingEnabled = true },
            TrackingOptions = _settings.SesTrackingDomain is { } domain ? new CfnConfigurationSet.TrackingOptionsProperty { CustomRedirectDomain = domain } : null,
        });
        var destination = new CfnConfigurationSetEventDestination(this, id + "Events", new CfnConfigurationSetEventDestinationProps
        {
            ConfigurationSetName = set.Ref,
            EventDestination = new CfnConfigurationSetEventDestination.EventDestinationProperty
            {
                Name = "ses-events",
                Enabled = true,
                MatchingEventTypes = [.. events],
                SnsDestination = new CfnConfigurationSetEventDestination.SnsDestinationProperty { TopicArn = Topic.TopicArn },
            },
        });
        // SES checks it may publish when the destination is created: the topic policy first.
        destination.Node.AddDependency(Topic.Node.FindChild("Policy"));
        return set;
    }
}
