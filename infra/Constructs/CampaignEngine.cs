using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SQS;
using Constructs;
using CrmMail.Aws.Campaigns;
using CrmMail.Infra.Functions;
using CrmMail.Settings;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// The state of the campaign engine (issue 16): the campaign table, the private campaign bucket,
/// the plan queue (POST /campaigns → the planner) and the campaign queue (the planner → the
/// sender), each queue with its dead-letter queue. Every queue denies requests without TLS and is
/// encrypted at rest with SQS-managed keys (SSE-SQS), as the stack's other queues; each source
/// queue keeps a message 7 days and its dead-letter queue 14 (a moved message keeps its first
/// enqueue time, so the dead-letter queue must keep it longer). A source queue's visibility
/// timeout is six times its consumer's function timeout (AWS's recommendation for Lambda event
/// sources: the mapping's own retries fit inside it, so no message is handled twice at once).
/// </summary>
public sealed class CampaignEngine : Construct
{
    /// <summary>
    /// Receives of a campaign batch before it moves to the dead-letter queue. Throttling, an
    /// outage or a claim still in flight hand a batch back (one receive each, a visibility
    /// timeout apart: six minutes), so ten receives ride out about an hour of trouble before the
    /// batch waits in the dead-letter queue, which alarms. Nothing in it is marked failed: its
    /// recipients stay pending until the operator moves it back (SQS redrive), and the claims
    /// still send each of them once.
    /// </summary>
    public const int CampaignMaxReceiveCount = 10;

    /// <summary>
    /// Receives of a plan request before it moves to the dead-letter queue: only an outage or the
    /// deadline hands one back (thirty minutes apart), so five are two and a half hours of trouble.
    /// </summary>
    public const int PlanMaxReceiveCount = 5;

    /// <summary>A source queue's visibility timeout in multiples of its consumer's function timeout (AWS: at least six).</summary>
    public const int VisibilityTimeoutFactor = 6;

    public CampaignEngine(Construct scope, string id, StackSettings settings)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var retentionDays = int.Parse(settings.FunctionContext[Catalogue.CampaignRetentionDays.Name], NumberStyles.Integer, CultureInfo.InvariantCulture);

        // Campaigns, per-recipient claims and results, parked batches: the key schema and the TTL
        // attribute are the store's own names. Kept with PITR: the per-recipient rows are what
        // makes a redelivered batch send nobody twice.
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = DynamoDbCampaignStore.PartitionKey, Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = DynamoDbCampaignStore.SortKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            TimeToLiveAttribute = DynamoDbCampaignStore.TtlAttribute,
            Encryption = TableEncryption.AWS_MANAGED,
            PointInTimeRecovery = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // Recipient lists are personal data: a private bucket of its own (not the reports
        // bucket) that no distribution fronts, whose objects expire with the campaign's rows.
        Bucket = new PrivateBucket(this, "Bucket", new PrivateBucketProps
        {
            ExpireAfterDays = retentionDays,
            AbortIncompleteUploadsAfterDays = 1,
            WithoutAccessLogsReason = "Read and written only by the stack's roles (the campaign API, planner and sender) and the API's short-lived presigned PUTs; CloudTrail records those calls, and server access logs would duplicate them next to the personal data they describe.",
        }).Bucket;

        CampaignDeadLetters = DeadLetterQueue("CampaignDeadLetters", "campaign batches that failed every receive");
        CampaignQueue = SourceQueue("CampaignQueue", CampaignSenderFunction.TimeoutSeconds, CampaignDeadLetters, CampaignMaxReceiveCount);
        PlanDeadLetters = DeadLetterQueue("PlanDeadLetters", "plan requests that failed every receive");
        PlanQueue = SourceQueue("PlanQueue", CampaignPlannerFunction.TimeoutSeconds, PlanDeadLetters, PlanMaxReceiveCount);
    }

    /// <summary>The campaign table (<see cref="Catalogue.CampaignsTable"/>).</summary>
    public Table Table { get; }

    /// <summary>The private campaign bucket (<see cref="Catalogue.CampaignBucket"/>): content and recipient lists.</summary>
    public Bucket Bucket { get; }

    /// <summary>The queue of recipient batches the planner fills and the sender consumes (<see cref="Catalogue.CampaignQueueUrl"/>).</summary>
    public Queue CampaignQueue { get; }

    /// <summary>Where a campaign batch goes after <see cref="CampaignMaxReceiveCount"/> receives.</summary>
    public Queue CampaignDeadLetters { get; }

    /// <summary>The queue of plan requests (<c>{"campaignId"}</c>) POST /campaigns sends and the planner consumes.</summary>
    public Queue PlanQueue { get; }

    /// <summary>Where a plan request goes after <see cref="PlanMaxReceiveCount"/> receives.</summary>
    public Queue PlanDeadLetters { get; }

    private Queue SourceQueue(string id, int consumerTimeoutSeconds, Queue deadLetters, int maxReceiveCount) => new(this, id, new QueueProps
    {
        VisibilityTimeout = Duration.Seconds(VisibilityTimeoutFactor * consumerTimeoutSeconds),
        RetentionPeriod = Duration.Days(7),
        EnforceSSL = true,
        Encryption = QueueEncryption.SQS_MANAGED,
        DeadLetterQueue = new DeadLetterQueue { Queue = deadLetters, MaxReceiveCount = maxReceiveCount },
    });

    private Queue DeadLetterQueue(string id, string what)
    {
        var queue = new Queue(this, id, new QueueProps { RetentionPeriod = Duration.Days(14), EnforceSSL = true, Encryption = QueueEncryption.SQS_MANAGED });
        Nag.Suppress(queue, new Nag.Rule("AwsSolutions-SQS3", $"This queue is itself the dead-letter destination ({what}); it alarms, and the operator redrives it."));
        return queue;
    }
}
