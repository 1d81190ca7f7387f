namespace CrmMail.Aws.SecretsManager;

/// <summary>Secrets Manager <c>GetSecretValue</c>'s response (the fields this repository reads), as AWSSDK.SecretsManager names it.</summary>
public sealed record GetSecretValueResponse
{
    /// <summary>The secret's ARN.</summary>
    public string? ARN { get; init; }

    /// <summary>The secret's name.</summary>
    public string? Name { get; init; }

    /// <summary>The version's string value (null for a binary secret).</summary>
    public string? SecretString { get; init; }

    /// <summary>The version's id.</summary>
    public string? VersionId { get; init; }
}
