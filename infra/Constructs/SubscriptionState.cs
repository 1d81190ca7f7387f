using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SES;
using Constructs;
using CrmMail.Settings;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// The state of the subscription life cycle: the SES contact list with its topics, the KMS
/// key for unsubscribe tokens, and the DynamoDB tables (audit, token keys, idempotency and
/// replay, Mailgun events, contact leases).
/// </summary>
public sealed class SubscriptionState : Construct
{
    public SubscriptionState(Construct scope, string id, StackSettings settings, IKey secretsKey)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ContactList = new CfnContactList(this, "ContactList", new CfnContactListProps
        {
            ContactListName = settings.ContactListName,
            Description = "CRM Mail recipients",
            Topics = new CfnContactList.ITopicProperty[]
            {
                new CfnContactList.TopicProperty { TopicName = "financial", DisplayName = "Financial reports", DefaultSubscriptionStatus = "OPT_IN", Description = "Statements and report links" },
                new CfnContactList.TopicProperty { TopicName = "outreach", DisplayName = "Newsletters", DefaultSubscriptionStatus = "OPT_IN", Description = "Newsletters and outreach" },
            },
        });
        // One list per account and a create-only name: a deleted list comes back with everyone
        // opted in. It outlives the stack (and a replacement) and is rebuilt only from an export.
        ContactList.ApplyRemovalPolicy(RemovalPolicy.RETAIN);

        TokenKey = new Key(this, "UnsubscribeKey", new KeyProps
        {
            Description = "Wraps the data keys of unsubscribe tokens",
            EnableKeyRotation = true,
            Alias = settings.KmsAlias,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        AuditTable = new Table(this, "Audit", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "contact", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        // Every outstanding unsubscribe link opens through this registry: protected like the audit.
        TokenKeysTable = TtlTable("TokenKeys", "keyId", protect: true);
        IdempotencyTable = TtlTable("Idempotency", "pk");
        EventsTable = TtlTable("Events", "eventId");
        // The tracking-data reads, newest first, with no scan: by message, by recipient hash, by day.
        foreach (var (index, partition) in new[] { ("byMessage", "messageId"), ("byRecipient", "recipientHash"), ("byDay", "day") })
        {
            EventsTable.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index,
                PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partition, Type = AttributeType.STRING },
                SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "at", Type = AttributeType.STRING },
                ProjectionType = ProjectionType.ALL,
            });
        }

        // Per-campaign, per-day counters (kept: the only record of the statistics, so PITR) and
        // the unique open/click markers (expiring by TTL); a day's campaigns through byDay.
        CampaignStatsTable = new Table(this, "CampaignStats", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "pk", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "sk", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            TimeToLiveAttribute = "expiresAt",
            PointInTimeRecovery = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        CampaignStatsTable.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = "byDay",
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "day", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "campaign", Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });
        ContactLeaseTable = TtlTable("ContactLeases", "pk");
        RateLimitTable = TtlTable("RateLimits", "pk");
        Nag.Suppress(IdempotencyTable, new Nag.Rule("AwsSolutions-DDB3", "Short-lived replay records (send-mail keys for 24 hours, Mailgun webhook tokens) expiring by TTL; a point-in-time restore makes a new table, too late to serve those windows."));
        Nag.Suppress(EventsTable, new Nag.Rule("AwsSolutions-DDB3", "Provider events (Mailgun webhook, SES event publishing) kept 90 days by TTL for de-duplication and tracking-data; what they change lands in SES and the audit table, and what they count in the campaign counters, both with PITR."));
        Nag.Suppress(ContactLeaseTable, new Nag.Rule("AwsSolutions-DDB3", "Leases live for seconds; a restore could only bring back stale leases."));
        Nag.Suppress(RateLimitTable, new Nag.Rule("AwsSolutions-DDB3", "Per-minute rate-limit counters expiring by TTL; a restore could only bring back windows that are over."));

        PiiHashKey = new Secret(this, "PiiHashKey", new SecretProps
        {
            Description = $"Keys the address hash in logs and tags ({Catalogue.PiiHashKey.Name})",
            EncryptionKey = secretsKey,
            GenerateSecretString = new SecretStringGenerator { PasswordLength = 44, ExcludePunctuation = true },
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Nag.Suppress(PiiHashKey, new Nag.Rule("AwsSolutions-SMG4", "Rotating the key changes every address hash, so logs and tags written before could no longer be matched to a contact; rotated deliberately by hand, never on a schedule."));
    }

    public CfnContactList ContactList { get; }

    public Key TokenKey { get; }

    public Table AuditTable { get; }

    public Table TokenKeysTable { get; }

    public Table IdempotencyTable { get; }

    public Table EventsTable { get; }

    /// <summary>Per-contact leases (<see cref="Catalogue.ContactLeaseTable"/>) that serialise contact changes across containers.</summary>
    public Table ContactLeaseTable { get; }

    /// <summary>Per-user fixed-window counters (<see cref="Catalogue.RateLimitTable"/>), TTL <c>expiresAt</c>.</summary>
    public Table RateLimitTable { get; }

    public Secret PiiHashKey { get; }

    /// <summary>Per-campaign, per-day counters of both providers' events (<see cref="Catalogue.CampaignStatsTable"/>).</summary>
    public Table CampaignStatsTable { get; }

    private Table TtlTable(string id, string partitionKey, bool protect = false) => new(this, id, new TableProps
    {
        PointInTimeRecovery = protect,
        DeletionProtection = protect,
        PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = partitionKey, Type = AttributeType.STRING },
        BillingMode = BillingMode.PAY_PER_REQUEST,
        TimeToLiveAttribute = "expiresAt",
        RemovalPolicy = RemovalPolicy.RETAIN,
    });
}
