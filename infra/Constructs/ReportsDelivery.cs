using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// The private report bucket, the CloudFront distribution in front of it (Origin Access
/// Control, HTTPS only, signed URLs through a key group), the public keys of that group (1 to
/// 5, for rotation) and the secret that holds the active private key (filled by the operator).
/// </summary>
public sealed class ReportsDelivery : Construct
{
    public ReportsDelivery(Construct scope, string id, StackSettings settings, Amazon.CDK.AWS.KMS.IKey secretsKey)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Bucket = new Bucket(this, "Reports", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Encryption = BucketEncryption.S3_MANAGED,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = false,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules = [new LifecycleRule { Expiration = Duration.Days(settings.ReportsLifecycleDays), AbortIncompleteMultipartUploadAfter = Duration.Days(7) }],
        });

        // Identity from the name (PublicKeyEntry.Id), never the list position: CloudFront lets
        // only a key's comment change, so a key that inherited another's logical id would fail
        // the deploy or be replaced under a new id, breaking every link signed with it.
        var keys = settings.PublicKeys.Select(key => (IPublicKey)new PublicKey(this, key.Id, new PublicKeyProps
        {
            EncodedKey = key.PublicKeyPem,
            Comment = key.Name,
        })).ToArray();
        KeyGroup = new KeyGroup(this, "KeyGroup", new KeyGroupProps { Items = keys, Comment = "CRM Mail report links" });

        if (settings.AccessLogs)
        {
            // CloudFront standard logs are delivered with an ACL (the awslogsdelivery account), so
            // this bucket alone keeps ACLs on (BucketOwnerPreferred); SSL only, no public access,
            // and a lifecycle: the logs hold the signed URLs (query strings) of every request.
            LogBucket = new Bucket(this, "AccessLogs", new BucketProps
            {
                BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
                EnforceSSL = true,
                Encryption = BucketEncryption.S3_MANAGED,
                ObjectOwnership = ObjectOwnership.BUCKET_OWNER_PREFERRED,
                RemovalPolicy = RemovalPolicy.RETAIN,
                LifecycleRules = [new LifecycleRule { Expiration = Duration.Days(settings.AccessLogDays), AbortIncompleteMultipartUploadAfter = Duration.Days(1) }],
            });
        }

        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = "CRM Mail reports (signed URLs only)",
            DefaultBehavior = new BehaviorOptions
            {
                Origin = S3BucketOrigin.WithOriginAccessControl(Bucket),
                ViewerProtocolPolicy = ViewerProtocolPolicy.HTTPS_ONLY,
                TrustedKeyGroups = [KeyGroup],
                CachePolicy = CachePolicy.CACHING_OPTIMIZED,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
            },
            MinimumProtocolVersion = SecurityPolicyProtocol.TLS_V1_2_2021,
            DomainNames = settings.DomainName is null ? null : [settings.DomainName],
            Certificate = settings.CertificateArn is null ? null : Certificate.FromCertificateArn(this, "Certificate", settings.CertificateArn),
            EnableLogging = settings.AccessLogs,
            LogBucket = LogBucket,
            LogFilePrefix = settings.AccessLogs ? "cloudfront/" : null,
        });

        PrivateKeySecret = new Secret(this, "CloudFrontPrivateKey", new SecretProps
        {
            EncryptionKey = secretsKey,
            Description = "Active CloudFront signing key: JSON {\"keyPairId\",\"privateKey\"}. Filled by the operator; never in the repository.",
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        for (var i = 0; i < keys.Length; i++)
        {
            var name = settings.PublicKeys[i].Name;
            var output = new CfnOutput(this, "KeyPairId-" + name, new CfnOutputProps { Value = keys[i].PublicKeyId, Description = "Key pair id of " + name + " (the keyPairId of the private key secret)" });
            output.OverrideLogicalId("KeyPairId" + new string(name.Where(char.IsAsciiLetterOrDigit).ToArray()));
        }

        new CfnOutput(this, "DistributionDomain", new CfnOutputProps { Value = Distribution.DistributionDomainName, Description = "CloudFront domain of the report links" }).OverrideLogicalId("DistributionDomain");
    }

    public Bucket Bucket { get; }

    /// <summary>The CloudFront access log bucket (null with distributionAccessLogs=false).</summary>
    public Bucket? LogBucket { get; }

    public KeyGroup KeyGroup { get; }

    public Distribution Distribution { get; }

    public Secret PrivateKeySecret { get; }

    public string DomainName(StackSettings settings) => settings.DomainName ?? Distribution.DistributionDomainName;
}
