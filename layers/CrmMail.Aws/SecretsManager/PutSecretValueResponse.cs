namespace CrmMail.Aws.SecretsManager;

/// <summary>Secrets Manager <c>PutSecretValue</c>'s response, as AWSSDK.SecretsManager names it.</summary>
public sealed record PutSecretValueResponse
{
    /// <summary>The secret's ARN.</summary>
    public string? ARN { get; init; }

    /// <summary>The secret's name.</summary>
    public string? Name { get; init; }

    /// <summary>The new version's id.</summary>
    public string? VersionId { get; init; }
}
