using Amazon.DynamoDBv2;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Tests.Shared;

namespace CrmMail.Aws.Tests;

/// <summary>One moto_server for a test class, with real SDK clients and our SES client pointed at it.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _moto;

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("not started");

    public HttpClient Http { get; } = new();

    public static BasicAWSCredentials Credentials { get; } = new(MotoServer.AccessKey, MotoServer.SecretKey);

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync();

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }

    public AmazonKeyManagementServiceClient Kms() => new(Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });

    public AmazonDynamoDBClient DynamoDb() => new(Credentials, new AmazonDynamoDBConfig { ServiceURL = Moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });

    public SesV2Client Ses(TimeProvider time) => new(Http, new SesV2ClientOptions(MotoServer.Region, Moto.Url), new StaticAwsCredentialsSource(new ImmutableCredentials(MotoServer.AccessKey, MotoServer.SecretKey, null)), time);
}
