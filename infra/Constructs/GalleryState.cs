using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// The gallery's state: the space membership table (partition key <c>uid</c>, sort key
/// <c>spaceId</c>: a member check is one GetItem, a uid's spaces one Query). Retained,
/// deletion-protected and point-in-time recoverable like the audit table: losing it locks every
/// member out. The images themselves live in the reports bucket under <c>spaces/</c>.
/// </summary>
public sealed class GalleryState : Construct
{
    public GalleryState(Construct scope, string id)
        : base(scope, id)
    {
        MembersTable = new Table(this, "SpaceMembers", new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "uid", Type = AttributeType.STRING },
            SortKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "spaceId", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            Encryption = TableEncryption.AWS_MANAGED,
            PointInTimeRecovery = true,
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }

    /// <summary>uid → spaces.</summary>
    public Table MembersTable { get; }
}
