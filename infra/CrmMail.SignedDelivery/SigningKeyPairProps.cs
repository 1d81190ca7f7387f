using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;

namespace CrmMail.SignedDelivery;

/// <summary>What a <see cref="SigningKeyPair"/> needs: the handler's code; the rest is optional.</summary>
public sealed record SigningKeyPairProps
{
    /// <summary>The custom resource's <c>bootstrap</c> (<see cref="KeyPairHandlerCode"/>). Every pair of a stack shares the first pair's handler.</summary>
    public required Code HandlerCode { get; init; }

    /// <summary>The secret's name prefix (the secret is <c>PREFIX-HASH</c>, and the handler may touch only <c>PREFIX-*</c>); null for <c>STACK/PATH</c>.</summary>
    public string? SecretNamePrefix { get; init; }

    /// <summary>The key type.</summary>
    public KeyPairType KeyType { get; init; } = KeyPairType.Rsa2048;

    /// <summary>The secret's customer-managed KMS key; null for <c>aws/secretsmanager</c>.</summary>
    public IKey? EncryptionKey { get; init; }

    /// <summary>Public keys this pair's key group also trusts: during a rotation, the previous pair's (<see cref="SigningKeyPair.PublicKey"/>).</summary>
    public IReadOnlyList<IPublicKey> AlsoTrusted { get; init; } = [];

    /// <summary>The key group's comment.</summary>
    public string KeyGroupComment { get; init; } = "Signed delivery keys (generated in AWS)";
}
