namespace CrmMail.Aws.SecretsManager;

/// <summary>Secrets Manager <c>GetSecretValue</c>'s request (the current version).</summary>
public sealed record GetSecretValueRequest
{
    /// <summary>The secret's ARN or name.</summary>
    public required string SecretId { get; init; }
}
