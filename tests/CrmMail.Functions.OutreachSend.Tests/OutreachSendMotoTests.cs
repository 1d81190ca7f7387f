using System.Collections.Concurrent;
using System.Text.Json;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Routes;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.OutreachSend.Tests;

/// <summary>
/// The outreach send routes composed exactly as in Lambda (OutreachSendPorts.ForAws) against
/// moto: KMS, the SES contact list and SendEmail, DynamoDB for keys, audit and the rate-limit
/// counters; Firebase ID tokens signed by a local issuer served on a loopback certificate endpoint.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutreachSendMotoTests : IAsyncLifetime, IDisposable
{
    private readonly FirebaseTestIssuer _issuer = new();
    private MotoServer _moto = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        await Boto("kms", "k = c.create_key()['KeyMetadata']['KeyId']; c.create_alias(AliasName='alias/dn-unsubscribe', TargetKeyId=k)");
        await Boto("ses", "c.verify_domain_identity(Domain='example.com')");
        await Boto("sesv2", "c.create_contact_list(ContactListName='dn-contacts', Topics=[{'TopicName':'financial','DisplayName':'Financial','DefaultSubscriptionStatus':'OPT_IN'},{'TopicName':'outreach','DisplayName':'Outreach','DefaultSubscriptionStatus':'OPT_IN'}])");
        await Boto("sesv2", "c.create_contact(ContactListName='dn-contacts', EmailAddress='gone@example.com', TopicPreferences=[{'TopicName':'outreach','SubscriptionStatus':'OPT_OUT'}])");
        await Boto("dynamodb", """
            c.create_table(TableName='token-keys', AttributeDefinitions=[{'AttributeName':'keyId','AttributeType':'S'}], KeySchema=[{'AttributeName':'keyId','KeyType':'HASH'}], BillingMode='PAY_PER_REQUEST')
            c.create_table(TableName='audit', AttributeDefinitions=[{'AttributeName':'contact','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'S'}], KeySchema=[{'AttributeName':'contact','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}], BillingMode='PAY_PER_REQUEST')
            c.create_table(TableName='rate-limits', AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'}], KeySchema=[{'AttributeName':'pk','KeyType':'HASH'}], BillingMode='PAY_PER_REQUEST')
            """);
    }

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    public void Dispose() => _issuer.Dispose();

    private async Task Boto(string service, string code)
    {
        var (exitCode, _, stderr) = await _moto.Boto3Async(service, code);
        Assert.True(exitCode == 0, stderr);
    }

    private (OutreachSendHandler Handler, RecordingHttp Http) Compose(TimeProvider time, int rateLimit = 25)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ENDPOINT_URL"] = _moto.Url.ToString(),
            ["SES_CONTACT_LIST_NAME"] = "dn-contacts",
            ["TOKEN_KEYS_TABLE"] = "token-keys",
            ["AUDIT_TABLE"] = "audit",
            ["CONTACT_LEASE_TABLE"] = "contact-leases",
            ["PII_HASH_KEY"] = Convert.ToBase64String(new byte[32]),
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["FIREBASE_PROJECT_ID"] = FirebaseTestIssuer.ProjectId,
            ["FIREBASE_CERTS_URL"] = _issuer.Url.ToString(),
            ["RATE_LIMIT_TABLE"] = "rate-limits",
            ["OUTREACH_SEND_RATE_LIMIT"] = rateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OUTREACH_DEFAULT_FROM"] = "outreach@example.com",
        };
        var http = new RecordingHttp();
        var settings = OutreachSendSettings.Load(new DictionaryEnvironmentVariables(environment));
        return (OutreachSendComposition.Build(settings, OutreachSendPorts.ForAws(settings, new HttpClient(http), new TestLambdaLogger(), time)), http);
    }

    private static Task<APIGatewayProxyResponse> Post(OutreachSendHandler handler, string body, string token)
        => handler.HandleAsync(ApiEvents.Build("POST", OutreachPaths.SendEmail, body: body, headers: new Dictionary<string, string> { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " + token }), new TestLambdaContext());

    // Rule: through SES at moto, each subscribed recipient gets its own outreach List-Unsubscribe headers; the opted-out one is suppressed; the counter is in DynamoDB.
    [Fact]
    public async Task SendEmail_ThroughSesAtMoto_GatesSignsAndCounts()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var (sut, http) = Compose(time);

        var response = await Post(sut, """{"to":["lead@example.com","gone@example.com"],"subject":"Hello","html":"<p>Hi</p>","text":"Hi","tags":["intro"]}""", _issuer.Mint(now: time.GetUtcNow()));

        Assert.True(response.StatusCode == 200, response.Body);
        using var json = JsonDocument.Parse(response.Body!);
        Assert.Equal(["sent", "suppressed"], json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        var send = Assert.Single(http.Bodies("/v2/email/outbound-emails"));
        using var request = JsonDocument.Parse(send);
        Assert.Equal("lead@example.com", request.RootElement.GetProperty("Destination").GetProperty("ToAddresses")[0].GetString());
        var headers = request.RootElement.GetProperty("Content").GetProperty("Simple").GetProperty("Headers").EnumerateArray().ToDictionary(h => h.GetProperty("Name").GetString()!, h => h.GetProperty("Value").GetString()!);
        Assert.StartsWith("<https://api.example.com/prod/outreach/unsubscribe?data=", headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        Assert.Contains(request.RootElement.GetProperty("EmailTags").EnumerateArray(), t => t.GetProperty("Name").GetString() == "stream" && t.GetProperty("Value").GetString() == "outreach");
        var (code, stdout, stderr) = await _moto.Boto3Async("dynamodb", "print(json.dumps([(i['pk']['S'], i['count']['N']) for i in c.scan(TableName='rate-limits')['Items']]))");
        Assert.True(code == 0, stderr);
        var counter = Assert.Single(JsonSerializer.Deserialize<string[][]>(stdout)!);
        Assert.StartsWith("ratelimit#outreach-send-email#uid-123#", counter[0], StringComparison.Ordinal);
        Assert.Equal("1", counter[1]);
    }

    // Rule: two containers (two compositions, one table) share the limit: the third request across them is 429.
    [Fact]
    public async Task RateLimit_TwoContainersSharingTheTable_ShareTheLimit()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 + 1));
        var (first, _) = Compose(time, rateLimit: 2);
        var (second, _) = Compose(time, rateLimit: 2);
        var token = _issuer.Mint(now: time.GetUtcNow());
        const string Body = """{"to":"lead@example.com","subject":"Hello","text":"Hi"}""";

        var a = await Post(first, Body, token);
        var b = await Post(second, Body, token);
        var c = await Post(first, Body, token);

        Assert.Equal([200, 200, 429], new[] { a.StatusCode, b.StatusCode, c.StatusCode });
        Assert.Equal("59", c.Headers!["Retry-After"]);
    }

    private sealed class RecordingHttp() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

        public List<string> Bodies(string path) => _requests.Where(r => r.Path == path).Select(r => r.Body).ToList();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            _requests.Enqueue((request.RequestUri!.AbsolutePath, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
