namespace CrmMail.Aws.SecretsManager;

/// <summary>Secrets Manager <c>DeleteSecret</c>'s response, as AWSSDK.SecretsManager names it.</summary>
public sealed record DeleteSecretResponse
{
    /// <summary>The secret's ARN.</summary>
    public string? ARN { get; init; }

    /// <summary>The secret's name.</summary>
    public string? Name { get; init; }

    /// <summary>When the deletion becomes final (Unix epoch seconds on the wire).</summary>
    public double? DeletionDate { get; init; }
}
