namespace CrmMail.Aws.SecretsManager;

/// <summary>Secrets Manager <c>PutSecretValue</c>'s request: a new current version of an existing secret.</summary>
public sealed record PutSecretValueRequest
{
    /// <summary>The secret's ARN or name.</summary>
    public required string SecretId { get; init; }

    /// <summary>The new version's value.</summary>
    public required string SecretString { get; init; }

    /// <summary>Idempotency token: a retried call with the same token and value adds no version.</summary>
    public string? ClientRequestToken { get; init; }
}
