using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace CrmMail.Infra.Constructs;

/// <summary>
/// The CRM's report delivery, composed of CrmMail.SignedDelivery's constructs: the private report
/// bucket (<see cref="PrivateBucket"/>), the public keys from the repository (1 to 5, for
/// rotation) with their key group and the operator-filled secret of the active private key
/// (<see cref="PrivateKeySecret"/>), and the distribution (<see cref="SignedDistribution"/>).
/// Every stateful resource keeps the logical id it had before the library existed: the
/// library's constructs put their resource under the hidden id "Default", and the key
/// construct itself is this construct's "Default" child, so its keys, group and secret sit
/// where they always did (StatefulLogicalIdTests).
/// </summary>
public sealed class ReportsDelivery : Construct
{
    /// <param name="upload">An optional signed upload behaviour on the same distribution (for example the gallery's <c>spaces/*</c>).</param>
    public ReportsDelivery(Construct scope, string id, StackSettings settings, Amazon.CDK.AWS.KMS.IKey secretsKey, UploadBehavior? upload = null)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Bucket = new PrivateBucket(this, "Reports", new PrivateBucketProps
        {
            ExpireAfterDays = settings.ReportsLifecycleDays,
            WithoutAccessLogsReason = "Objects are read only through CloudFront (origin access control), whose standard logs (distributionAccessLogs) record each request; S3 server access logs would duplicate them.",
        }).Bucket;

        var keys = new PrivateKeySecret(this, "Default", new PrivateKeySecretProps
        {
            PublicKeys = settings.PublicKeys.Select(k => new TrustedPublicKey(k.Name, k.PublicKeyPem, k.Id)).ToArray(),
            EncryptionKey = secretsKey,
            KeyGroupComment = "CRM Mail report links",
            SecretDescription = "Active CloudFront signing key: JSON {\"keyPairId\",\"privateKey\"}. Filled by the operator; never in the repository.",
        });
        KeyGroup = keys.KeyGroup;
        PrivateKeySecret = keys.Secret;
        if (settings.AccessLogs)
        {
            LogBucket = new AccessLogBucket(this, "AccessLogs", settings.AccessLogDays).Bucket;
        }

        Distribution = new SignedDistribution(this, "Distribution", new SignedDistributionProps
        {
            Bucket = Bucket,
            KeyGroups = [KeyGroup],
            Comment = "CRM Mail reports (signed URLs only)",
            DomainName = settings.DomainName,
            CertificateArn = settings.CertificateArn,
            AccessLogs = settings.AccessLogs,
            LogBucket = LogBucket,
            Upload = upload,
        }).Distribution;

        for (var i = 0; i < keys.PublicKeys.Count; i++)
        {
            var name = settings.PublicKeys[i].Name;
            var output = new Amazon.CDK.CfnOutput(this, "KeyPairId-" + name, new Amazon.CDK.CfnOutputProps { Value = keys.PublicKeyIds[i], Description = "Key pair id of " + name + " (the keyPairId of the private key secret)" });
            output.OverrideLogicalId("KeyPairId" + new string(name.Where(char.IsAsciiLetterOrDigit).ToArray()));
        }

        new Amazon.CDK.CfnOutput(this, "DistributionDomain", new Amazon.CDK.CfnOutputProps { Value = Distribution.DistributionDomainName, Description = "CloudFront domain of the report links" }).OverrideLogicalId("DistributionDomain");
    }

    public Bucket Bucket { get; }

    /// <summary>The CloudFront access log bucket (null with distributionAccessLogs=false).</summary>
    public Bucket? LogBucket { get; }

    public KeyGroup KeyGroup { get; }

    public Distribution Distribution { get; }

    public ISecret PrivateKeySecret { get; }

    public string DomainName(StackSettings settings) => settings.DomainName ?? Distribution.DistributionDomainName;
}
