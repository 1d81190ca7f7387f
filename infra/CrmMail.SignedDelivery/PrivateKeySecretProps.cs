using Amazon.CDK;
using Amazon.CDK.AWS.KMS;

namespace CrmMail.SignedDelivery;

/// <summary>
/// What a <see cref="PrivateKeySecret"/> needs: the public keys to trust, and either an existing
/// secret (<see cref="ExistingSecretArn"/>) or nothing (a new secret the operator fills).
/// </summary>
public sealed record PrivateKeySecretProps
{
    /// <summary>The public keys of the key group (1 to 5, CloudFront's limit; two during a rotation).</summary>
    public required IReadOnlyList<TrustedPublicKey> PublicKeys { get; init; }

    /// <summary>The complete ARN of a secret that already holds <c>{"keyPairId","privateKey"}</c>; null creates an empty one to fill.</summary>
    public string? ExistingSecretArn { get; init; }

    /// <summary>The KMS key of a created secret; null for <c>aws/secretsmanager</c>.</summary>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The key group's comment.</summary>
    public string KeyGroupComment { get; init; } = "Signed delivery keys";

    /// <summary>A created secret's description.</summary>
    public string SecretDescription { get; init; } = "CloudFront signing key: JSON {\"keyPairId\",\"privateKey\"}. Filled by the operator; never in a repository.";

    /// <summary>What happens to a created secret when it leaves the stack; RETAIN by default.</summary>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.RETAIN;
}
