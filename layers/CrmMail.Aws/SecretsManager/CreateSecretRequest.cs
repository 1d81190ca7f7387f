namespace CrmMail.Aws.SecretsManager;

/// <summary>
/// Secrets Manager <c>CreateSecret</c>'s request, named and shaped as AWSSDK.SecretsManager's
/// (the fields this repository sends). <see cref="KmsKeyId"/> unset encrypts with
/// <c>aws/secretsmanager</c>.
/// </summary>
public sealed record CreateSecretRequest
{
    /// <summary>The secret's name (Secrets Manager appends a six-character suffix to its ARN).</summary>
    public required string Name { get; init; }

    /// <summary>The first version's value.</summary>
    public required string SecretString { get; init; }

    /// <summary>A description shown in the console.</summary>
    public string? Description { get; init; }

    /// <summary>The KMS key (id, ARN or alias) that encrypts the secret; null for the AWS-managed key.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>Idempotency token: a retried call with the same token and value creates nothing new.</summary>
    public string? ClientRequestToken { get; init; }
}
