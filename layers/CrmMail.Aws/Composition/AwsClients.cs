using Amazon;
using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.S3;

namespace CrmMail.Aws.Composition;

/// <summary>
/// The SDK clients and the HttpClient every function builds once per container, pointed at
/// the region or, for local runs and tests, at one endpoint (<c>AWS_ENDPOINT_URL</c>).
/// </summary>
public static class AwsClients
{
    /// <summary>
    /// The container's HttpClient (SES, Secrets Manager, Mailgun, Google's certificates):
    /// pooled connections recycled every 5 minutes (DNS changes), 10 s per request so a hung
    /// dependency cannot eat API Gateway's 29 s.
    /// </summary>
    public static HttpClient CreateHttpClient()
        => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(10) };

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

    private static T Configure<T>(T config, string region, Uri? endpoint)
        where T : Amazon.Runtime.ClientConfig
    {
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
