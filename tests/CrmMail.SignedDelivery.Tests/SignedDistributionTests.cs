using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;

namespace CrmMail.SignedDelivery.Tests;

public sealed class SignedDistributionTests
{
    private const string PublicKeyPem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexample\n-----END PUBLIC KEY-----\n";

    // Rule: with an upload behaviour, the bucket policy allows the distribution's OAC exactly GetObject on every key and PutObject under the upload prefix, nothing else (besides the TLS-only deny).
    [Fact]
    public void BucketPolicy_WithUploads_AllowsExactlyTheOacsGetAndItsPutOnThePrefix()
    {
        var template = Build(new UploadBehavior("spaces/*"));

        var (bucketId, _) = template.OfType("AWS::S3::Bucket").Single(b => !b.Id.Contains("AccessLogs", StringComparison.Ordinal));
        var (distributionId, _) = template.OfType("AWS::CloudFront::Distribution").Single();
        var policy = template.OfType("AWS::S3::BucketPolicy").Single(p => p.Resource.Props().GetProperty("Bucket").GetRawText().Contains(bucketId, StringComparison.Ordinal)).Resource;
        var allows = policy.Props().GetProperty("PolicyDocument").Statements().Where(s => s.GetProperty("Effect").GetString() == "Allow").ToArray();

        Assert.Equal(["s3:GetObject", "s3:PutObject"], allows.Select(s => string.Join(',', s.GetProperty("Action").Strings())).Order(StringComparer.Ordinal));
        foreach (var allow in allows)
        {
            Assert.Equal("""{"Service":"cloudfront.amazonaws.com"}""", allow.GetProperty("Principal").GetRawText());
            var sourceArn = allow.GetProperty("Condition").GetProperty("StringEquals").GetProperty("AWS:SourceArn").GetRawText();
            Assert.Contains(distributionId, sourceArn, StringComparison.Ordinal);
            Assert.Contains(":distribution/", sourceArn, StringComparison.Ordinal);
        }

        var get = allows.Single(s => s.GetProperty("Action").GetString() == "s3:GetObject").GetProperty("Resource").GetRawText();
        var put = allows.Single(s => s.GetProperty("Action").GetString() == "s3:PutObject").GetProperty("Resource").GetRawText();
        Assert.Contains($"\"{bucketId}\",\"Arn\"", get, StringComparison.Ordinal);
        Assert.EndsWith("\"/*\"]]}", get, StringComparison.Ordinal);
        Assert.Contains($"\"{bucketId}\",\"Arn\"", put, StringComparison.Ordinal);
        Assert.EndsWith("\"/spaces/*\"]]}", put, StringComparison.Ordinal);
    }

    // Rule: without an upload behaviour nothing may write through CloudFront: no PutObject in the bucket policy, no behaviour but GET/HEAD.
    [Fact]
    public void BucketPolicy_WithoutUploads_HasNoPutObject()
    {
        var template = Build(upload: null);

        var actions = template.OfType("AWS::S3::BucketPolicy").SelectMany(p => p.Resource.Props().GetProperty("PolicyDocument").Statements()).Where(s => s.GetProperty("Effect").GetString() == "Allow").SelectMany(s => s.GetProperty("Action").Strings());
        Assert.Equal(["s3:GetObject"], actions);
        var config = template.OfType("AWS::CloudFront::Distribution").Single().Resource.Props().GetProperty("DistributionConfig");
        Assert.False(config.TryGetProperty("CacheBehaviors", out _));
    }

    // Rule: every behaviour is HTTPS only and trusts the key group (signed URLs only); downloads are GET/HEAD, the upload behaviour takes PUT, uncached; the origin signs with OAC (SigV4 always).
    [Fact]
    public void Distribution_EveryBehaviourIsHttpsOnlyAndSigned()
    {
        var template = Build(new UploadBehavior("spaces/*"));

        var (keyGroupId, _) = template.OfType("AWS::CloudFront::KeyGroup").Single();
        var config = template.OfType("AWS::CloudFront::Distribution").Single().Resource.Props().GetProperty("DistributionConfig");
        var download = config.GetProperty("DefaultCacheBehavior");
        var upload = config.GetProperty("CacheBehaviors").EnumerateArray().Single();
        foreach (var behaviour in new[] { download, upload })
        {
            Assert.Equal("https-only", behaviour.GetProperty("ViewerProtocolPolicy").GetString());
            Assert.Equal($"[{{\"Ref\":\"{keyGroupId}\"}}]", behaviour.GetProperty("TrustedKeyGroups").GetRawText());
        }

        Assert.Equal(["GET", "HEAD"], download.GetProperty("AllowedMethods").Strings());
        Assert.Equal("spaces/*", upload.GetProperty("PathPattern").GetString());
        Assert.Contains("PUT", upload.GetProperty("AllowedMethods").Strings());
        Assert.Equal("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", upload.GetProperty("CachePolicyId").GetString()); // CachingDisabled
        var oac = template.OfType("AWS::CloudFront::OriginAccessControl").Single().Resource.Props().GetProperty("OriginAccessControlConfig");
        Assert.Equal("always", oac.GetProperty("SigningBehavior").GetString());
        Assert.Equal("sigv4", oac.GetProperty("SigningProtocol").GetString());
        Assert.True(config.TryGetProperty("Logging", out _));
    }

    // Rule: a custom domain comes with its ACM certificate (SNI) and TLS 1.2 at least; one without the other is refused.
    [Fact]
    public void Distribution_CustomDomain_UsesItsCertificateWithTls12()
    {
        const string certificate = "arn:aws:acm:us-east-1:123456789012:certificate/1";
        var template = Build(null, domain: "files.example.com", certificateArn: certificate);

        var config = template.OfType("AWS::CloudFront::Distribution").Single().Resource.Props().GetProperty("DistributionConfig");
        Assert.Equal(["files.example.com"], config.GetProperty("Aliases").Strings());
        Assert.Equal(certificate, config.GetProperty("ViewerCertificate").GetProperty("AcmCertificateArn").GetString());
        Assert.Equal("TLSv1.2_2021", config.GetProperty("ViewerCertificate").GetProperty("MinimumProtocolVersion").GetString());
        Assert.Equal("sni-only", config.GetProperty("ViewerCertificate").GetProperty("SslSupportMethod").GetString());
        Assert.Throws<ArgumentException>(() => Build(null, domain: "files.example.com"));
    }

    // Rule: the upload pattern is exactly "prefix/*", so the bucket policy's resource is exactly what the behaviour serves.
    [Theory]
    [InlineData("*")]
    [InlineData("/spaces/*")]
    [InlineData("spaces/*.jpg")]
    [InlineData("spaces/*/x/*")]
    [InlineData("spaces")]
    public void UploadBehavior_NotPrefixSlashStar_IsRefused(string pattern)
        => Assert.Throws<ArgumentException>(() => new UploadBehavior(pattern).KeyPrefix);

    private static JsonElement Build(UploadBehavior? upload, string? domain = null, string? certificateArn = null) => Synth.Template(stack =>
    {
        var bucket = new PrivateBucket(stack, "Files");
        var keys = new PrivateKeySecret(stack, "Keys", new PrivateKeySecretProps { PublicKeys = [new TrustedPublicKey("k1", PublicKeyPem)] });
        _ = new SignedDistribution(stack, "Delivery", new SignedDistributionProps
        {
            Bucket = bucket.Bucket,
            KeyGroups = [keys.KeyGroup],
            Upload = upload,
            DomainName = domain,
            CertificateArn = certificateArn,
        });
    });
}
