using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// For teams that bring their own key pair: the public keys registered in CloudFront with their
/// key group, and the private key's secret, imported by ARN or created empty for the operator to
/// fill (<c>aws secretsmanager put-secret-value</c>). Outputs match <see cref="SigningKeyPair"/>'s:
/// the public key ids, the key group and the secret.
/// </summary>
public sealed class PrivateKeySecret : Construct
{
    /// <summary>Registers the keys and creates or imports the secret.</summary>
    public PrivateKeySecret(Construct scope, string id, PrivateKeySecretProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.PublicKeys is not { Count: >= 1 and <= 5 })
        {
            throw new ArgumentException("A key group holds 1 to 5 public keys.", nameof(props));
        }

        PublicKeys = props.PublicKeys.Select(key => (IPublicKey)new PublicKey(this, key.Id, new PublicKeyProps { EncodedKey = key.PublicKeyPem, Comment = key.Name })).ToArray();
        KeyGroup = new KeyGroup(this, "KeyGroup", new KeyGroupProps { Items = PublicKeys.ToArray(), Comment = props.KeyGroupComment });
        if (props.ExistingSecretArn is { } arn)
        {
            Secret = Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(this, "CloudFrontPrivateKey", arn);
        }
        else
        {
            var secret = new Secret(this, "CloudFrontPrivateKey", new SecretProps
            {
                EncryptionKey = props.EncryptionKey,
                Description = props.SecretDescription,
                RemovalPolicy = props.RemovalPolicy,
            });
            Nag.Suppress(secret, new Nag.Rule("AwsSolutions-SMG4", "A CloudFront key pair is rotated by adding its public key to the key group (deploy) and then replacing this secret; a rotation Lambda cannot do the first step."));
            Secret = secret;
        }
    }

    /// <summary>The registered public keys, in the order given.</summary>
    public IReadOnlyList<IPublicKey> PublicKeys { get; }

    /// <summary>The ids CloudFront gave the public keys (the <c>Key-Pair-Id</c> of signed URLs).</summary>
    public IReadOnlyList<string> PublicKeyIds => PublicKeys.Select(k => k.PublicKeyId).ToArray();

    /// <summary>The key group holding <see cref="PublicKeys"/>.</summary>
    public KeyGroup KeyGroup { get; }

    /// <summary>The key group's id.</summary>
    public string KeyGroupId => KeyGroup.KeyGroupId;

    /// <summary>The private key's secret.</summary>
    public ISecret Secret { get; }

    /// <summary>The secret's ARN.</summary>
    public string SecretArn => Secret.SecretArn;
}
