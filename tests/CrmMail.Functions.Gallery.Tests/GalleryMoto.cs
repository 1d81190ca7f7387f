using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.Gallery.Tests;

/// <summary>One moto_server per test class with the gallery's bucket and membership table, through the real SDK clients.</summary>
public sealed class GalleryMoto : IAsyncLifetime
{
    public const string Bucket = "gallery-test";
    public const string Table = "space-members-test";

    private MotoServer? _moto;

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("not started");

    public AmazonS3Client S3 { get; private set; } = null!;

    public AmazonDynamoDBClient DynamoDb { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        var credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey);
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = Moto.Url.ToString(), ForcePathStyle = true, AuthenticationRegion = MotoServer.Region });
        DynamoDb = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket });
        await DynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new("uid", ScalarAttributeType.S), new("spaceId", ScalarAttributeType.S)],
            KeySchema = [new("uid", KeyType.HASH), new("spaceId", KeyType.RANGE)],
        });
    }

    public Task PutAsync(string key, int size = 10)
        => S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(new byte[size]), ContentType = "image/png" });

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        DynamoDb?.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }
}
