namespace CrmMail.SignedDelivery.Tests;

public sealed class PrivateBucketTests
{
    // Rule: the bucket blocks every public access, owns every object (no ACLs), encrypts, expires as told, is retained, and denies requests without TLS.
    [Fact]
    public void Bucket_IsPrivateOwnerEnforcedEncryptedSslOnlyAndRetained()
    {
        var template = Synth.Template(stack => _ = new PrivateBucket(stack, "Files", new PrivateBucketProps { ExpireAfterDays = 30 }));

        var (id, bucket) = template.OfType("AWS::S3::Bucket").Single();
        var props = bucket.Props();
        Assert.Equal("Retain", bucket.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("""{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}""", props.GetProperty("PublicAccessBlockConfiguration").GetRawText());
        Assert.Equal("BucketOwnerEnforced", props.GetProperty("OwnershipControls").GetProperty("Rules")[0].GetProperty("ObjectOwnership").GetString());
        Assert.Equal("AES256", props.GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0].GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
        var rule = props.GetProperty("LifecycleConfiguration").GetProperty("Rules")[0];
        Assert.Equal(30, rule.GetProperty("ExpirationInDays").GetInt32());
        Assert.Equal(7, rule.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());
        Assert.False(props.TryGetProperty("LoggingConfiguration", out _));
        var deny = template.OfType("AWS::S3::BucketPolicy").Single().Resource.Props().GetProperty("PolicyDocument").Statements().Single();
        Assert.Equal("Deny", deny.GetProperty("Effect").GetString());
        Assert.Equal("""{"Bool":{"aws:SecureTransport":"false"}}""", deny.GetProperty("Condition").GetRawText());
        Assert.Contains(id, deny.GetProperty("Resource").GetRawText(), StringComparison.Ordinal);
    }

    // Rule: with an access-log bucket the bucket logs to it; without a lifecycle nothing expires.
    [Fact]
    public void Bucket_WithAccessLogBucket_LogsToItAndKeepsObjects()
    {
        var template = Synth.Template(stack =>
        {
            var logs = new AccessLogBucket(stack, "Logs");
            _ = new PrivateBucket(stack, "Files", new PrivateBucketProps { AccessLogBucket = logs.Bucket });
        });

        var (logsId, logs) = template.OfType("AWS::S3::Bucket").Single(b => b.Id.StartsWith("Logs", StringComparison.Ordinal));
        var files = template.OfType("AWS::S3::Bucket").Single(b => b.Id.StartsWith("Files", StringComparison.Ordinal)).Resource.Props();
        Assert.Contains(logsId, files.GetProperty("LoggingConfiguration").GetProperty("DestinationBucketName").GetRawText(), StringComparison.Ordinal);
        Assert.False(files.GetProperty("LifecycleConfiguration").GetProperty("Rules")[0].TryGetProperty("ExpirationInDays", out _));
        Assert.Equal("BucketOwnerPreferred", logs.Props().GetProperty("OwnershipControls").GetProperty("Rules")[0].GetProperty("ObjectOwnership").GetString());
    }
}
