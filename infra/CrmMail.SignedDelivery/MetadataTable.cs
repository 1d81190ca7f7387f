using Amazon.CDK.AWS.DynamoDB;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// An optional DynamoDB table for file metadata (owner, size, content type…): on-demand,
/// point-in-time recovery, encrypted with an AWS-managed or a customer-managed key, retained.
/// </summary>
public sealed class MetadataTable : Construct
{
    /// <summary>Creates the table (its L2 is the default child, "Default").</summary>
    public MetadataTable(Construct scope, string id, MetadataTableProps? props = null)
        : base(scope, id)
    {
        props ??= new MetadataTableProps();
        Table = new Table(this, "Default", new TableProps
        {
            TableName = props.TableName,
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = props.PartitionKey, Type = AttributeType.STRING },
            SortKey = props.SortKey is null ? null : new Amazon.CDK.AWS.DynamoDB.Attribute { Name = props.SortKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = props.EncryptionKey is null ? TableEncryption.AWS_MANAGED : TableEncryption.CUSTOMER_MANAGED,
            EncryptionKey = props.EncryptionKey,
            RemovalPolicy = props.RemovalPolicy,
        });
    }

    /// <summary>The table.</summary>
    public Table Table { get; }

    /// <summary>The table's name.</summary>
    public string TableName => Table.TableName;

    /// <summary>The table's ARN.</summary>
    public string TableArn => Table.TableArn;
}
