using Amazon.CDK;
using Amazon.CDK.AWS.S3;

namespace CrmMail.SignedDelivery;

/// <summary>What a <see cref="PrivateBucket"/> may be told; every property is optional.</summary>
public sealed record PrivateBucketProps
{
    /// <summary>A physical name; null lets CloudFormation name it (recommended: names are global).</summary>
    public string? BucketName { get; init; }

    /// <summary>Objects expire this many days after creation; null keeps them.</summary>
    public int? ExpireAfterDays { get; init; }

    /// <summary>Incomplete multipart uploads are aborted after this many days (they cost storage and are invisible).</summary>
    public int AbortIncompleteUploadsAfterDays { get; init; } = 7;

    /// <summary>Where S3 server access logs go; null for none (then <see cref="WithoutAccessLogsReason"/> says why).</summary>
    public IBucket? AccessLogBucket { get; init; }

    /// <summary>The key prefix of the server access logs in <see cref="AccessLogBucket"/>.</summary>
    public string AccessLogPrefix { get; init; } = "s3-access/";

    /// <summary>Why no server access logs are needed (cdk-nag S1), when <see cref="AccessLogBucket"/> is null.</summary>
    public string WithoutAccessLogsReason { get; init; } = "Objects are read and written only through CloudFront (origin access control), whose standard logs record each request; S3 server access logs would duplicate them.";

    /// <summary>Keep earlier versions of overwritten objects.</summary>
    public bool Versioned { get; init; }

    /// <summary>What happens to the bucket when it leaves the stack; RETAIN by default (it holds data).</summary>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.RETAIN;
}
