using Amazon.CDK;
using Amazon.CDK.AWS.KMS;

namespace CrmMail.SignedDelivery;

/// <summary>What a <see cref="MetadataTable"/> may be told; every property is optional.</summary>
public sealed record MetadataTableProps
{
    /// <summary>A physical name; null lets CloudFormation name it.</summary>
    public string? TableName { get; init; }

    /// <summary>The partition key (a string attribute), for example the object key.</summary>
    public string PartitionKey { get; init; } = "key";

    /// <summary>An optional sort key (a string attribute).</summary>
    public string? SortKey { get; init; }

    /// <summary>A customer-managed KMS key; null for the AWS-managed key (<c>aws/dynamodb</c>).</summary>
    public IKey? EncryptionKey { get; init; }

    /// <summary>What happens to the table when it leaves the stack; RETAIN by default.</summary>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.RETAIN;
}
