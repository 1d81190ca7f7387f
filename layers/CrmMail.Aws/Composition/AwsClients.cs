using Amazon;
using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace CrmMail.Aws.Composition;

/// <summary>
/// The SDK clients and the HttpClient every function builds once per container, pointed at
/// the region or, for local runs and tests, at one endpoint (<see cref="Settings.Catalogue.AwsEndpointUrl"/>).
/// Every client fits the invocation's budget: a connection attempt gives up after
/// <see cref="ConnectTimeout"/>, an SDK attempt after <see cref="AttemptTimeout"/>, and the SDK
/// retries at most <see cref="MaxErrorRetry"/> times (standard mode: jittered back-off,
/// throttling and 5xx); the deadline token every call receives ends whatever is left.
/// </summary>
public static class AwsClients
{
    /// <summary>A TCP connect (and TLS handshake) gives up after 2 s; in-region it takes milliseconds.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>One SDK attempt gives up after 3 s (the SDK's default is 100 s).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);

    /// <summary>SDK retries after the first attempt: 2 (3 attempts); DynamoDB's default of 10 would outlive any budget.</summary>
    public const int MaxErrorRetry = 2;

    /// <summary>
    /// The container's HttpClient (SES, Secrets Manager, Mailgun, Google's certificates):
    /// pooled connections recycled every 5 minutes (DNS changes), connects bounded by
    /// <see cref="ConnectTimeout"/>; 10 s per request only as a backstop, since every call runs
    /// through the resilience pipeline's per-attempt timeout and the invocation's deadline.
    /// </summary>
    public static HttpClient CreateHttpClient()
        => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = ConnectTimeout }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A KMS client.</summary>
    public static AmazonKeyManagementServiceClient Kms(string region, Uri? endpoint)
        => new(Configure(new AmazonKeyManagementServiceConfig(), region, endpoint));

    /// <summary>A DynamoDB client.</summary>
    public static AmazonDynamoDBClient DynamoDb(string region, Uri? endpoint)
        => new(Configure(new AmazonDynamoDBConfig(), region, endpoint));

    /// <summary>An S3 client (path-style addressing against a single endpoint).</summary>
    public static AmazonS3Client S3(string region, Uri? endpoint)
    {
        var config = Configure(new AmazonS3Config(), region, endpoint);
        config.ForcePathStyle = endpoint is not null;
        return new AmazonS3Client(config);
    }

    /// <summary>An SQS client (the campaign queue).</summary>
    public static AmazonSQSClient Sqs(string region, Uri? endpoint)
        => new(Configure(new AmazonSQSConfig(), region, endpoint));

    private static T Configure<T>(T config, string region, Uri? endpoint)
        where T : ClientConfig
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = MaxErrorRetry;
        config.Timeout = AttemptTimeout;
        config.ConnectTimeout = ConnectTimeout;
        if (endpoint is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }
}
