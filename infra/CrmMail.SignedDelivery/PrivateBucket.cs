using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// A bucket nobody reaches directly: every public access blocked, requests without TLS denied
/// (bucket policy), ACLs disabled (BucketOwnerEnforced), SSE-S3 encryption, an optional
/// lifecycle and optional server access logs. SSE-S3 rather than SSE-KMS: CloudFront's origin
/// access control reads SSE-S3 objects with the bucket policy alone.
/// </summary>
public sealed class PrivateBucket : Construct
{
    /// <summary>Creates the bucket. Its L2 is the construct's default child ("Default"), so the bucket's logical id is the one of a plain Bucket with this construct's id.</summary>
    public PrivateBucket(Construct scope, string id, PrivateBucketProps? props = null)
        : base(scope, id)
    {
        props ??= new PrivateBucketProps();
        if (props.ExpireAfterDays is < 1)
        {
            throw new ArgumentException("ExpireAfterDays must be at least 1.", nameof(props));
        }

        var lifecycle = new LifecycleRule
        {
            Expiration = props.ExpireAfterDays is { } days ? Duration.Days(days) : null,
            AbortIncompleteMultipartUploadAfter = Duration.Days(props.AbortIncompleteUploadsAfterDays),
        };
        Bucket = new Bucket(this, "Default", new BucketProps
        {
            BucketName = props.BucketName,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Encryption = BucketEncryption.S3_MANAGED,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = props.Versioned,
            RemovalPolicy = props.RemovalPolicy,
            LifecycleRules = [lifecycle],
            ServerAccessLogsBucket = props.AccessLogBucket,
            ServerAccessLogsPrefix = props.AccessLogBucket is null ? null : props.AccessLogPrefix,
        });
        if (props.AccessLogBucket is null)
        {
            Nag.Suppress(Bucket, new Nag.Rule("AwsSolutions-S1", props.WithoutAccessLogsReason));
        }
    }

    /// <summary>The bucket (for grants and for <see cref="SignedDistribution"/>).</summary>
    public Bucket Bucket { get; }

    /// <summary>The bucket's name.</summary>
    public string BucketName => Bucket.BucketName;

    /// <summary>The bucket's ARN.</summary>
    public string BucketArn => Bucket.BucketArn;
}
