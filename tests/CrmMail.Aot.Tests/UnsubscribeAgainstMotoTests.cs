using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Kms;
using CrmMail.LocalRuntime;
using CrmMail.Signing.Tokens;
using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>
/// The real Unsubscribe binary, end to end against moto: a token sealed through KMS and the
/// DynamoDB key registry opens in the binary, the contact is written to the SES contact list
/// and the audit row to DynamoDB.
/// </summary>
[Trait("Category", "Integration")]
[Collection(UnsubscribeBinaryCollection.Name)]
public sealed class UnsubscribeAgainstMotoTests(UnsubscribePublish publish) : IAsyncLifetime
{
    private static readonly BasicAWSCredentials Credentials = new(MotoServer.AccessKey, MotoServer.SecretKey);
    private MotoServer _moto = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        using var kms = Kms();
        var key = await kms.CreateKeyAsync(new CreateKeyRequest());
        await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/dn-unsubscribe", TargetKeyId = key.KeyMetadata.KeyId });
        using var dynamo = DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = "token-keys", AttributeDefinitions = [new("keyId", "S")], KeySchema = [new("keyId", "HASH")], BillingMode = "PAY_PER_REQUEST" });
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = "audit", AttributeDefinitions = [new("contact", "S"), new("sk", "S")], KeySchema = [new("contact", "HASH"), new("sk", "RANGE")], BillingMode = "PAY_PER_REQUEST" });
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = "contact-leases", AttributeDefinitions = [new("pk", "S")], KeySchema = [new("pk", "HASH")], BillingMode = "PAY_PER_REQUEST" });
        var (code, _, err) = await _moto.Boto3Async("sesv2", "c.create_contact_list(ContactListName='dn-contacts', Topics=[{'TopicName':'financial','DisplayName':'Financial','DefaultSubscriptionStatus':'OPT_IN'},{'TopicName':'outreach','DisplayName':'Outreach','DefaultSubscriptionStatus':'OPT_IN'}])");
        Assert.True(code == 0, err);
    }

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    private AmazonKeyManagementServiceClient Kms() => new(Credentials, new AmazonKeyManagementServiceConfig { ServiceURL = _moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });

    private AmazonDynamoDBClient DynamoDb() => new(Credentials, new AmazonDynamoDBConfig { ServiceURL = _moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });

    [Fact]
    public async Task Get_WithATokenSealedElsewhere_UnsubscribesInSesAndAuditsInDynamoDb()
    {
        var tokens = new UnsubscribeTokenService(
            new EnvelopeDataKeyProvider(new KmsKeyWrapper(Kms(), "alias/dn-unsubscribe"), new DynamoDbWrappedKeyStore(DynamoDb(), "token-keys", TimeProvider.System), TimeProvider.System, TokenOptions.Default),
            TimeProvider.System,
            TokenOptions.Default);
        var token = await tokens.SealAsync("payee@example.com", "financial", TokenPurpose.Unsubscribe, default);
        await using var runtime = await LocalRuntimeApi.StartAsync();
        var output = new List<string>();
        var environment = new Dictionary<string, string>(FunctionBinary.BaseEnvironment)
        {
            ["AWS_ENDPOINT_URL"] = _moto.Url.ToString(),
            ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey,
        };
        using var process = AotAssertions.Start(publish, runtime, environment, output);
        try
        {
            var result = await runtime.InvokeAsync(Event(token), TimeSpan.FromSeconds(60));

            Assert.False(result.IsError, FunctionBinary.Text(result.Body) + string.Join('\n', output));
            using var response = JsonDocument.Parse(result.Body);
            Assert.Equal(302, response.RootElement.GetProperty("statusCode").GetInt32());
            var location = new Uri(response.RootElement.GetProperty("headers").GetProperty("Location").GetString()!);
            Assert.Equal("?status=unsubscribed&topic=financial", location.Query);
            Assert.Contains("email=payee%40example.com", location.Fragment, StringComparison.Ordinal);

            var (code, stdout, err) = await _moto.Boto3Async("sesv2", "print(json.dumps(c.get_contact(ContactListName='dn-contacts', EmailAddress='payee@example.com')['TopicPreferences']))");
            Assert.True(code == 0, err);
            Assert.Equal("OPT_OUT", JsonDocument.Parse(stdout).RootElement[0].GetProperty("SubscriptionStatus").GetString());

            var history = await new DynamoDbAuditLog(DynamoDb(), "audit").HistoryAsync("payee@example.com", 10, default);
            var row = Assert.Single(history, h => h.Action == Subscriptions.Audit.AuditAction.Unsubscribe);
            Assert.Equal("GET", row.Context.Method);
            Assert.Equal("198.51.100.4", row.Context.SourceIp);
            lock (process)
            {
                Assert.DoesNotContain(output, line => line.Contains("payee@example.com", StringComparison.Ordinal));
            }
        }
        finally
        {
            process.Kill();
        }
    }

    private static byte[] Event(string token)
    {
        var json = $$$"""
            {"resource":"/financial/unsubscribe","path":"/financial/unsubscribe","httpMethod":"GET",
             "headers":{"User-Agent":"Mozilla/5.0"},"multiValueHeaders":{"User-Agent":["Mozilla/5.0"]},
             "queryStringParameters":{"data":"{{{token}}}"},"multiValueQueryStringParameters":{"data":["{{{token}}}"]},
             "pathParameters":null,"stageVariables":null,
             "requestContext":{"requestId":"req-1","stage":"prod","resourcePath":"/financial/unsubscribe","httpMethod":"GET","identity":{"sourceIp":"198.51.100.4","userAgent":"Mozilla/5.0"}},
             "body":null,"isBase64Encoded":false}
            """;
        return Encoding.UTF8.GetBytes(json);
    }
}
