using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SQS;
using CrmMail.Aws.Iam;
using CrmMail.Settings;

namespace CrmMail.Infra.Functions;

/// <summary>
/// The stack's resources that adapter calls work on, keyed the way a composition names them
/// (<see cref="AdapterUse.Binding"/>: the environment variable that points the function at
/// the resource). A function construct grants each of its adapter uses on what this resolves.
/// </summary>
public sealed class FunctionResources
{
    /// <summary>Tables by the variable that names them (the catalogue's table settings).</summary>
    public required IReadOnlyDictionary<string, ITable> Tables { get; init; }

    /// <summary>Secrets by the variable that names them (the catalogue's secret settings).</summary>
    public required IReadOnlyDictionary<string, ISecret> Secrets { get; init; }

    /// <summary>The key that wraps unsubscribe and resubscribe token data keys.</summary>
    public required IKey TokenKey { get; init; }

    /// <summary>The key that encrypts every secret of the stack.</summary>
    public required IKey SecretsKey { get; init; }

    /// <summary>The reports bucket.</summary>
    public required IBucket ReportsBucket { get; init; }

    /// <summary>Buckets other than the reports bucket, by the variable that names them (the campaign bucket).</summary>
    public IReadOnlyDictionary<string, IBucket> Buckets { get; init; } = new Dictionary<string, IBucket>();

    /// <summary>Queues an adapter sends to, by the variable that names them (the campaign queue).</summary>
    public IReadOnlyDictionary<string, IQueue> Queues { get; init; } = new Dictionary<string, IQueue>();

    /// <summary>The SES contact list's ARN.</summary>
    public required string ContactListArn { get; init; }

    /// <summary>The SES sending identity's ARN.</summary>
    public required string IdentityArn { get; init; }

    /// <summary>The ARN pattern of the account's SES email templates (<c>template/*</c>).</summary>
    public required string EmailTemplatesArn { get; init; }

    /// <summary>The ARNs of the stack's SES configuration sets.</summary>
    public IReadOnlyList<string> ConfigurationSetArns { get; init; } = [];

    /// <summary>
    /// The resource ARNs a requirement of kind <paramref name="kind"/> of <paramref name="use"/>
    /// applies to; for bucket objects, only the keys under <paramref name="keyPrefix"/> when the adapter names one.
    /// </summary>
    public string[] Resolve(string function, AdapterUse use, IamResourceKind kind, string? keyPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(use);
        if (keyPrefix is not null && kind != IamResourceKind.BucketObjects)
        {
            throw new ArgumentException($"{function}: {use.Call} names a key prefix on a {kind}, which has no keys.");
        }

        return kind switch
        {
            IamResourceKind.Table => [Tables[use.Binding].TableArn],
            IamResourceKind.TableIndexes => [Tables[use.Binding].TableArn + "/index/*"],
            IamResourceKind.KmsKey => [TokenKey.KeyArn],
            IamResourceKind.Bucket => [Bucket(use.Binding).BucketArn],
            IamResourceKind.SpacesListing => [ReportsBucket.BucketArn],
            IamResourceKind.BucketObjects => [Bucket(use.Binding).ArnForObjects(keyPrefix + "*")],
            IamResourceKind.Queue => [Queues[use.Binding].QueueArn],
            IamResourceKind.Secret => [Secrets[use.Binding].SecretArn],
            IamResourceKind.SecretEncryptionKey => [SecretsKey.KeyArn],
            IamResourceKind.ContactList => [ContactListArn],
            IamResourceKind.EmailIdentity => [IdentityArn],
            IamResourceKind.EmailTemplate => [EmailTemplatesArn],
            IamResourceKind.ConfigurationSet when ConfigurationSetArns.Count > 0 => [.. ConfigurationSetArns],
            _ => throw new ArgumentException($"{function}: no resource of kind {kind} for {use.Call}."),
        };
    }

    // The reports bucket under its own variable (send-mail, the gallery), any other by its binding:
    // an unbound variable is a synth error, never a grant on the wrong bucket.
    private IBucket Bucket(string binding) => binding == Catalogue.ReportsBucket.Name ? ReportsBucket : Buckets[binding];

    /// <summary>The KMS purpose condition (token keys) or the via-service condition (secrets' key) of a statement.</summary>
    public static Dictionary<string, object>? Conditions(AdapterUse use, IamResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(use);
        return kind switch
        {
            IamResourceKind.KmsKey when use.KmsPurpose is { } purpose => new() { ["StringEquals"] = new Dictionary<string, object> { ["kms:EncryptionContext:purpose"] = purpose } },
            IamResourceKind.KmsKey => throw new ArgumentException($"{use.Call}: a token-key call must name its purpose (the encryption context)."),
            // ListObjectsV2 only under the gallery's prefix: a member's listing can never reach the reports.
            IamResourceKind.SpacesListing => new() { ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = "spaces/*" } },
            IamResourceKind.SecretEncryptionKey => new() { ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"secretsmanager.{Amazon.CDK.Aws.REGION}.amazonaws.com" } },
            _ => null,
        };
    }
}
