using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using CrmMail.SignedDelivery;

namespace SignedDeliveryExample;

/// <summary>
/// A team's signed file delivery: a private bucket, a distribution with a signed download and a
/// signed upload behaviour, a key pair generated in AWS, and the role its application assumes
/// to read the private key. Nothing else: no metadata table, no CRM.
/// </summary>
public sealed class ExampleStack : Stack
{
    public ExampleStack(Construct scope, string id, ExampleStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var files = new PrivateBucket(this, "Files", new PrivateBucketProps { ExpireAfterDays = 365 });
        var keys = new SigningKeyPair(this, "SigningKey", new SigningKeyPairProps { HandlerCode = props.KeyPairHandlerCode });
        var distribution = new SignedDistribution(this, "Delivery", new SignedDistributionProps
        {
            Bucket = files.Bucket,
            KeyGroups = [keys.KeyGroup],
            Comment = "Files (signed URLs only)",
            Upload = new UploadBehavior(props.UploadPathPattern),
        });
        var role = new IntegrationRole(this, "Integration", new IntegrationRoleProps
        {
            AssumedBy = new ArnPrincipal(props.ApplicationRoleArn),
            PrivateKeySecretArn = keys.SecretArn,
        });

        _ = new CfnOutput(this, "BucketName", new CfnOutputProps { Value = files.BucketName });
        _ = new CfnOutput(this, "DistributionId", new CfnOutputProps { Value = distribution.DistributionId });
        _ = new CfnOutput(this, "DistributionDomainName", new CfnOutputProps { Value = distribution.DistributionDomainName });
        _ = new CfnOutput(this, "PublicKeyId", new CfnOutputProps { Value = keys.PublicKeyId, Description = "Key-Pair-Id of signed URLs (also in the secret)" });
        _ = new CfnOutput(this, "KeyGroupId", new CfnOutputProps { Value = keys.KeyGroupId });
        _ = new CfnOutput(this, "PrivateKeySecretArn", new CfnOutputProps { Value = keys.SecretArn, Description = "JSON {keyPairId, privateKey}" });
        _ = new CfnOutput(this, "IntegrationRoleArn", new CfnOutputProps { Value = role.RoleArn, Description = "What the application assumes" });
    }
}
