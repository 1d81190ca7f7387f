using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace CrmMail.SignedDelivery;

/// <summary>
/// A CloudFront distribution that serves a private bucket to signed URLs only: origin access
/// control (SigV4, always), the given trusted key groups, HTTPS only (TLS 1.2 minimum with a
/// custom domain), an optional custom domain with its ACM certificate, standard logs, a download
/// behaviour (GET/HEAD on every path) and an optional upload behaviour (a signed PUT on
/// <see cref="UploadBehavior.PathPattern"/>, uncached, with a bucket policy statement that lets
/// this distribution put objects under that prefix and nowhere else).
/// </summary>
public sealed class SignedDistribution : Construct
{
    /// <summary>Creates the distribution. Its L2 is the default child ("Default"), so its logical id is the one of a plain Distribution with this construct's id.</summary>
    public SignedDistribution(Construct scope, string id, SignedDistributionProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (props.KeyGroups is not { Count: >= 1 and <= 4 })
        {
            throw new ArgumentException("A behaviour trusts 1 to 4 key groups.", nameof(props));
        }

        if ((props.DomainName is null) != (props.CertificateArn is null))
        {
            throw new ArgumentException("DomainName and CertificateArn go together.", nameof(props));
        }

        var uploadPrefix = props.Upload?.KeyPrefix;
        if (props.AccessLogs)
        {
            LogBucket = props.LogBucket ?? new AccessLogBucket(this, "AccessLogs", props.AccessLogDays).Bucket;
        }

        // One origin (one OAC) for both behaviours; READ is the GetObject statement on every key.
        var origin = S3BucketOrigin.WithOriginAccessControl(props.Bucket, new S3BucketOriginWithOACProps { OriginAccessLevels = [AccessLevel.READ] });
        var behaviors = new Dictionary<string, IBehaviorOptions>();
        if (props.Upload is { } upload)
        {
            behaviors[upload.PathPattern] = new BehaviorOptions
            {
                Origin = origin,
                ViewerProtocolPolicy = ViewerProtocolPolicy.HTTPS_ONLY,
                TrustedKeyGroups = props.KeyGroups.ToArray(),
                // CloudFront has no GET+PUT set; the bucket policy grants only PutObject (and the
                // download statement's GetObject), so DELETE, POST and PATCH are refused by S3.
                AllowedMethods = AllowedMethods.ALLOW_ALL,
                CachePolicy = CachePolicy.CACHING_DISABLED,
                FunctionAssociations = upload.ViewerRequestFunction is { } guard
                    ? [new FunctionAssociation { Function = guard, EventType = FunctionEventType.VIEWER_REQUEST }]
                    : null,
            };
        }

        Distribution = new Distribution(this, "Default", new DistributionProps
        {
            Comment = props.Comment,
            DefaultBehavior = new BehaviorOptions
            {
                Origin = origin,
                ViewerProtocolPolicy = ViewerProtocolPolicy.HTTPS_ONLY,
                TrustedKeyGroups = props.KeyGroups.ToArray(),
                CachePolicy = props.DownloadCachePolicy ?? CachePolicy.CACHING_OPTIMIZED,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
            },
            AdditionalBehaviors = behaviors.Count == 0 ? null : behaviors,
            MinimumProtocolVersion = SecurityPolicyProtocol.TLS_V1_2_2021,
            DomainNames = props.DomainName is null ? null : [props.DomainName],
            Certificate = props.CertificateArn is null ? null : Certificate.FromCertificateArn(this, "Certificate", props.CertificateArn),
            EnableLogging = props.AccessLogs,
            LogBucket = LogBucket,
            LogFilePrefix = props.AccessLogs ? "cloudfront/" : null,
        });

        if (uploadPrefix is not null)
        {
            // The upload behaviour's write: this distribution only (its ARN), PutObject only,
            // under the upload prefix only.
            props.Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "AllowCloudFrontSignedUploads",
                Effect = Effect.ALLOW,
                Principals = [new ServicePrincipal("cloudfront.amazonaws.com")],
                Actions = ["s3:PutObject"],
                Resources = [props.Bucket.ArnForObjects(uploadPrefix + "*")],
                Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["AWS:SourceArn"] = DistributionArn } },
            }));
        }

        var rules = new List<Nag.Rule>
        {
            new("AwsSolutions-CFR1", "Signed links go to their recipients wherever they are; access is by signed URL, not by country."),
            new("AwsSolutions-CFR2", "Signed URLs only (trusted key group): CloudFront refuses unsigned requests at the edge, so a WAF would have nothing left to filter."),
        };
        if (props.CertificateArn is null)
        {
            rules.Add(new("AwsSolutions-CFR4", "No custom domain: the default *.cloudfront.net certificate's TLS policy is CloudFront's to set; with a certificate the minimum is TLSv1.2_2021."));
        }

        if (!props.AccessLogs)
        {
            rules.Add(new("AwsSolutions-CFR3", "Standard logs are off by the owner's choice (AccessLogs=false): they would hold every signed URL."));
        }

        Nag.Suppress(Distribution, rules.ToArray());
    }

    /// <summary>The distribution.</summary>
    public Distribution Distribution { get; }

    /// <summary>The distribution's id.</summary>
    public string DistributionId => Distribution.DistributionId;

    /// <summary>The <c>*.cloudfront.net</c> domain.</summary>
    public string DistributionDomainName => Distribution.DistributionDomainName;

    /// <summary>The distribution's ARN (the <c>AWS:SourceArn</c> of its origin requests).</summary>
    public string DistributionArn => Stack.Of(this).FormatArn(new ArnComponents { Service = "cloudfront", Region = string.Empty, Resource = "distribution", ResourceName = Distribution.DistributionId, ArnFormat = ArnFormat.SLASH_RESOURCE_NAME });

    /// <summary>The standard-log bucket, or null without logs.</summary>
    public IBucket? LogBucket { get; }
}
