using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SES;
using Constructs;

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
        ContactLeaseTable = TtlTable("ContactLeases", "pk");

        PiiHashKey = new Secret(this, "PiiHashKey", new SecretProps
        {
            Description = "Keys the address hash in logs and tags (PII_HASH_KEY)",
            EncryptionKey = secretsKey,
            GenerateSecretString = new SecretStringGenerator { PasswordLength = 44, ExcludePunctuation = true },
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }

    public CfnContactList ContactList { get; }

    public Key TokenKey { get; }

    public Table AuditTable { get; }

    public Table TokenKeysTable { get; }

    public Table IdempotencyTable { get; }

    public Table EventsTable { get; }

    /// <summary>Per-contact leases (CONTACT_LEASE_TABLE) that serialise contact changes across containers.</summary>
    public Table ContactLeaseTable { get; }

    public Secret PiiHashKey { get; }

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
