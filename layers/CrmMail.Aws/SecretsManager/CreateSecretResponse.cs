namespace CrmMail.Aws.SecretsManager;

/// <summary>Secrets Manager <c>CreateSecret</c>'s response, as AWSSDK.SecretsManager names it.</summary>
public sealed record CreateSecretResponse
{
    /// <summary>The new secret's ARN.</summary>
    public string? ARN { get; init; }

    /// <summary>The secret's name.</summary>
    public string? Name { get; init; }

    /// <summary>The first version's id.</summary>
    public string? VersionId { get; init; }
}
