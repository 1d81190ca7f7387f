using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// A bucket for CloudFront standard logs. CloudFront delivers them with an ACL (the
/// awslogsdelivery account), so this bucket alone keeps ACLs on (BucketOwnerPreferred); SSL
/// only, no public access, SSE-S3 and an expiry: the logs hold the signed URLs (query strings)
/// of every request.
/// </summary>
public sealed class AccessLogBucket : Construct
{
    /// <summary>Creates the bucket (its L2 is the default child, "Default").</summary>
    public AccessLogBucket(Construct scope, string id, int expireAfterDays = 90, RemovalPolicy? removalPolicy = null)
        : base(scope, id)
    {
        if (expireAfterDays < 1)
        {
            throw new ArgumentException("expireAfterDays must be at least 1.", nameof(expireAfterDays));
        }

        Bucket = new Bucket(this, "Default", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Encryption = BucketEncryption.S3_MANAGED,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_PREFERRED,
            RemovalPolicy = removalPolicy ?? RemovalPolicy.RETAIN,
            LifecycleRules = [new LifecycleRule { Expiration = Duration.Days(expireAfterDays), AbortIncompleteMultipartUploadAfter = Duration.Days(1) }],
        });
        Nag.Suppress(Bucket, new Nag.Rule("AwsSolutions-S1", "This is the access log bucket itself: logging it would only log the log deliveries."));
    }

    /// <summary>The log bucket.</summary>
    public Bucket Bucket { get; }
}
