using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Aws.S3;
using CrmMail.Tests.Shared;

namespace CrmMail.Aws.Tests.S3;

/// <summary>HeadObject through the real S3 client against moto (which, like S3 with s3:ListBucket, answers 404 for a missing key).</summary>
[Trait("Category", "Integration")]
public sealed class S3ReportLocatorMotoTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly string _bucket = "dn-reports-" + Guid.NewGuid().ToString("N")[..8];
    private AmazonS3Client? _s3;

    private AmazonS3Client S3 => _s3 ??= new AmazonS3Client(MotoFixture.Credentials, new AmazonS3Config { ServiceURL = fixture.Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region, ForcePathStyle = true });

    public async Task InitializeAsync()
    {
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = _bucket });
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "2025/08/DN-1.pdf", ContentBody = "%PDF-1.7 test" });
    }

    public Task DisposeAsync()
    {
        _s3?.Dispose();
        return Task.CompletedTask;
    }

    // An existing report is found with its size.
    [Fact]
    public async Task FindAsync_ExistingObject_ReturnsItsSize()
    {
        var found = await new S3ReportLocator(S3, _bucket).FindAsync("2025/08/DN-1.pdf", default);

        Assert.NotNull(found);
        Assert.Equal(13, found.Size);
    }

    // 404 is the only "missing" answer.
    [Fact]
    public async Task FindAsync_MissingObject_IsNull()
        => Assert.Null(await new S3ReportLocator(S3, _bucket).FindAsync("2025/08/DN-404.pdf", default));
}
