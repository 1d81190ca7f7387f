using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;

namespace CrmMail.SignedDelivery;

/// <summary>What an <see cref="IntegrationRole"/> needs: who assumes it and the secret; the table is optional.</summary>
public sealed record IntegrationRoleProps
{
    /// <summary>Who may assume the role: an application's role (<c>new ArnPrincipal(roleArn)</c>), an account, a service.</summary>
    public required IPrincipal AssumedBy { get; init; }

    /// <summary>The complete ARN of the private key's secret (<see cref="SigningKeyPair.SecretArn"/> or <see cref="PrivateKeySecret.SecretArn"/>).</summary>
    public required string PrivateKeySecretArn { get; init; }

    /// <summary>The secret's customer-managed KMS key, if any: the role may decrypt with it through Secrets Manager only.</summary>
    public IKey? SecretEncryptionKey { get; init; }

    /// <summary>The metadata table, if the application uses one.</summary>
    public ITable? MetadataTable { get; init; }

    /// <summary>What the role may do with <see cref="MetadataTable"/>.</summary>
    public MetadataAccess MetadataAccess { get; init; } = MetadataAccess.ReadWrite;

    /// <summary>A physical role name; null lets CloudFormation name it.</summary>
    public string? RoleName { get; init; }

    /// <summary>How long an assumed session lasts (1 to 12 hours).</summary>
    public Duration? MaxSessionDuration { get; init; }
}
