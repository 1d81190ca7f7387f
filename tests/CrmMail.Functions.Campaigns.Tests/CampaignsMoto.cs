using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using CrmMail.Aws.Campaigns;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.CloudFront;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.Campaigns.Tests;

/// <summary>One moto_server for the test class: the campaign table, bucket and both queues, through the real AWSSDK clients.</summary>
public sealed class CampaignsMoto : IAsyncLifetime
{
    private MotoServer? _moto;

    public static BasicAWSCredentials Credentials { get; } = new(MotoServer.AccessKey, MotoServer.SecretKey);

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    public AmazonDynamoDBClient DynamoDb() => new(Credentials, new AmazonDynamoDBConfig { ServiceURL = Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });

    public AmazonS3Client S3() => new(Credentials, new AmazonS3Config { ServiceURL = Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region, ForcePathStyle = true });

    public AmazonSQSClient Sqs() => new(Credentials, new AmazonSQSConfig { ServiceURL = Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });
}

/// <summary>A fresh table, bucket and queues at moto and the handler composed over them (CampaignsComposition, as Program.cs does).</summary>
internal sealed class CampaignsWorld
{
    public const string Owner = "key-owner";

    private CampaignsWorld(CampaignsMoto moto, string suffix, string campaignQueue, string planQueue)
    {
        Moto = moto;
        Table = "campaigns-" + suffix;
        Bucket = "dn-campaigns-" + suffix;
        CampaignQueue = campaignQueue;
        PlanQueue = planQueue;
        Store = new DynamoDbCampaignStore(moto.DynamoDb(), Table, TimeSpan.FromDays(90), Time);
        var key = CloudFrontSigningKey.FromPem("KTESTPAIR1", File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem")));
        Signer = new FixedSignerSource(new CloudFrontUrlSigner(key, Time));
        var settings = CampaignsSettings.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1",
            ["REPORTS_BUCKET"] = "dn-reports",
            ["CLOUDFRONT_DOMAIN"] = "d111111abcdef8.cloudfront.net",
            ["CLOUDFRONT_PRIVATE_KEY_SECRET"] = "cf-key",
            ["IDEMPOTENCY_TABLE"] = "idempotency",
            ["CAMPAIGNS_TABLE"] = Table,
            ["CAMPAIGN_BUCKET"] = Bucket,
            ["CAMPAIGN_QUEUE_URL"] = campaignQueue,
            ["CAMPAIGN_PLAN_QUEUE_URL"] = planQueue,
            ["CAMPAIGN_MAX_RECIPIENTS"] = "5",
        }));
        var s3 = moto.S3();
        var sqs = moto.Sqs();
        Sut = CampaignsComposition.Build(settings, new CampaignsPorts
        {
            Store = Store,
            Records = Store,
            Objects = new S3CampaignObjects(s3, Bucket),
            Queue = new SqsCampaignQueue(sqs, campaignQueue),
            Launcher = new SqsCampaignLauncher(sqs, planQueue),
            Uploads = new S3CampaignUploads(s3, Bucket),
            Reports = Reports,
            Signer = Signer,
            Distribution = new Uri("https://d111111abcdef8.cloudfront.net"),
            Idempotency = new InMemoryIdempotencyStore(),
            Random = RandomNumberGenerator.Create(),
            Time = Time,
        });
    }

    public CampaignsMoto Moto { get; }

    public string Table { get; }

    public string Bucket { get; }

    public string CampaignQueue { get; }

    public string PlanQueue { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public InMemoryReportLocator Reports { get; } = new();

    public FixedSignerSource Signer { get; }

    public DynamoDbCampaignStore Store { get; }

    public CampaignsHandler Sut { get; }

    public static async Task<CampaignsWorld> CreateAsync(CampaignsMoto moto)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var dynamo = moto.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = "campaigns-" + suffix,
            AttributeDefinitions = [new("pk", "S"), new("sk", "S")],
            KeySchema = [new("pk", "HASH"), new("sk", "RANGE")],
            BillingMode = "PAY_PER_REQUEST",
        });
        using var s3 = moto.S3();
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "dn-campaigns-" + suffix });
        using var sqs = moto.Sqs();
        var campaignQueue = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "campaigns-" + suffix })).QueueUrl;
        var planQueue = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "campaign-plans-" + suffix })).QueueUrl;
        return new CampaignsWorld(moto, suffix, campaignQueue, planQueue);
    }

    public static APIGatewayProxyRequest Request(string method, string resource, string? id = null, string? body = null, string? apiKeyId = Owner, IDictionary<string, string>? query = null, IDictionary<string, string>? headers = null)
    {
        var allHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["Content-Type"] = "application/json" };
        return new APIGatewayProxyRequest
        {
            Resource = resource,
            Path = id is null ? resource : resource.Replace("{id}", id, StringComparison.Ordinal),
            HttpMethod = method,
            Headers = allHeaders,
            MultiValueHeaders = allHeaders.ToDictionary(h => h.Key, h => (IList<string>)[h.Value], StringComparer.Ordinal),
            QueryStringParameters = query,
            MultiValueQueryStringParameters = query?.ToDictionary(q => q.Key, q => (IList<string>)[q.Value], StringComparer.Ordinal),
            PathParameters = id is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = id },
            RequestContext = new APIGatewayProxyRequestContext
            {
                RequestId = Guid.NewGuid().ToString(),
                Stage = "prod",
                ResourcePath = resource,
                HttpMethod = method,
                Identity = new APIGatewayRequestIdentity { SourceIp = "203.0.113.9", ApiKeyId = apiKeyId },
            },
            Body = body,
        };
    }

    public Task<APIGatewayProxyResponse> SendAsync(APIGatewayProxyRequest request) => Sut.HandleAsync(request, new TestLambdaContext());

    public async Task<List<string>> ReceiveAsync(string queueUrl)
    {
        using var sqs = Moto.Sqs();
        var bodies = new List<string>();
        while (true)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 0 });
            if (received.Messages is not { Count: > 0 } messages)
            {
                return bodies;
            }

            foreach (var message in messages)
            {
                bodies.Add(message.Body);
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
    }
}
