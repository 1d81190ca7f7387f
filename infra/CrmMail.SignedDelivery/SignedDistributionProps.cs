using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.S3;

namespace CrmMail.SignedDelivery;

/// <summary>What a <see cref="SignedDistribution"/> needs: the bucket and the key groups; the rest is optional.</summary>
public sealed record SignedDistributionProps
{
    /// <summary>The private bucket CloudFront reads (and, with <see cref="Upload"/>, writes) over origin access control.</summary>
    public required IBucket Bucket { get; init; }

    /// <summary>The key groups whose keys may sign URLs (1 to 4; CloudFront's limit per behaviour).</summary>
    public required IReadOnlyList<IKeyGroup> KeyGroups { get; init; }

    /// <summary>The distribution's comment.</summary>
    public string Comment { get; init; } = "Signed delivery (signed URLs only)";

    /// <summary>A custom domain (for example <c>files.example.com</c>); requires <see cref="CertificateArn"/>.</summary>
    public string? DomainName { get; init; }

    /// <summary>The ACM certificate (us-east-1) for <see cref="DomainName"/>.</summary>
    public string? CertificateArn { get; init; }

    /// <summary>The signed upload behaviour; null for downloads only.</summary>
    public UploadBehavior? Upload { get; init; }

    /// <summary>Write CloudFront standard logs (to <see cref="LogBucket"/>, or to a new <see cref="AccessLogBucket"/>).</summary>
    public bool AccessLogs { get; init; } = true;

    /// <summary>An existing log bucket (ACLs enabled, as <see cref="AccessLogBucket"/> makes it); null creates one when <see cref="AccessLogs"/>.</summary>
    public IBucket? LogBucket { get; init; }

    /// <summary>Days a created log bucket keeps the logs.</summary>
    public int AccessLogDays { get; init; } = 90;

    /// <summary>The download behaviour's cache policy; CachingOptimized by default (signed query strings are not part of the cache key).</summary>
    public ICachePolicy? DownloadCachePolicy { get; init; }
}
