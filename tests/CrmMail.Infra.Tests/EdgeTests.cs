using System.Text.Json;

namespace CrmMail.Infra.Tests;

/// <summary>The edge as AWS enforces it: access logs on by default to a bucket CloudFront can deliver to.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class EdgeTests(StackFixture fixture)
{
    // Rule: CloudFront access logs are on by default, to an SSL-only, non-public bucket that accepts the log-delivery ACL and expires its logs.
    [Fact]
    public void AccessLogs_OnByDefaultToAnSslOnlyBucketWithLifecycle()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var logging = template.OfType("AWS::CloudFront::Distribution").Single().Resource.GetProperty("Properties").GetProperty("DistributionConfig").GetProperty("Logging");
        var bucketId = TemplateJson.References(logging.GetProperty("Bucket")).Single();
        var bucket = template.Root.GetProperty("Resources").GetProperty(bucketId).GetProperty("Properties");
        Assert.Equal("BucketOwnerPreferred", bucket.GetProperty("OwnershipControls").GetProperty("Rules")[0].GetProperty("ObjectOwnership").GetString());
        Assert.True(bucket.GetProperty("PublicAccessBlockConfiguration").GetProperty("BlockPublicPolicy").GetBoolean());
        Assert.Equal(90, bucket.GetProperty("LifecycleConfiguration").GetProperty("Rules")[0].GetProperty("ExpirationInDays").GetInt32());
        var policy = template.OfType("AWS::S3::BucketPolicy").Single(p => TemplateJson.References(p.Resource.GetProperty("Properties").GetProperty("Bucket")).SequenceEqual([bucketId]));
        Assert.Contains("\"aws:SecureTransport\":\"false\"", JsonSerializer.Serialize(policy.Resource), StringComparison.Ordinal);
    }
}
