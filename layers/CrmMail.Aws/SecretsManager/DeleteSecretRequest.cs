namespace CrmMail.Aws.SecretsManager;

/// <summary>
/// Secrets Manager <c>DeleteSecret</c>'s request. With <see cref="RecoveryWindowInDays"/> (7 to
/// 30) the secret is only scheduled for deletion and can be restored until then.
/// </summary>
public sealed record DeleteSecretRequest
{
    /// <summary>The secret's ARN or name.</summary>
    public required string SecretId { get; init; }

    /// <summary>Days before the deletion is final (7 to 30); null for Secrets Manager's default (30).</summary>
    public long? RecoveryWindowInDays { get; init; }

    /// <summary>True deletes at once, with no recovery window (exclusive with <see cref="RecoveryWindowInDays"/>).</summary>
    public bool? ForceDeleteWithoutRecovery { get; init; }
}
