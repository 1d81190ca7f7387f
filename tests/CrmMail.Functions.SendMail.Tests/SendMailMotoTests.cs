using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.TestUtilities;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>
/// send-mail composed exactly as in Lambda, against moto: S3 report objects, the CloudFront key
/// in Secrets Manager, KMS, the SES contact list and SendEmail, DynamoDB for keys, audit and
/// idempotency; and a local listener standing in for Mailgun.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SendMailMotoTests : IAsyncLifetime
{
    private const string Body = """
        {"to":["payee@example.com","other@example.com"],"subject":"Your August 2025 statement","html":"<p>Hello</p>","text":"Hello",
         "from":"Reports <reports@example.com>","campaign":{"name":"Statements 2025-08","type":"financial","month":"08","year":"2025"},
         "attachReporting":true,"customIds":["DN-10042","DN-10043"]}
        """;

    private MotoServer _moto = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        var pem = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem"));
        var secret = JsonSerializer.Serialize(new Dictionary<string, string> { ["keyPairId"] = "KMOTOPAIR1", ["privateKey"] = pem });
        await Boto("s3", "c.create_bucket(Bucket='reports'); c.put_object(Bucket='reports', Key='2025/08/DN-10042.pdf', Body=b'x'*2048); c.put_object(Bucket='reports', Key='2025/08/DN-10043.pdf', Body=b'y'*10)");
        await Boto("secretsmanager", $"c.create_secret(Name='cloudfront-key', SecretString={JsonSerializer.Serialize(secret)}); c.create_secret(Name='mailgun-key', SecretString='key-abc123')");
        await Boto("kms", "k = c.create_key()['KeyMetadata']['KeyId']; c.create_alias(AliasName='alias/dn-unsubscribe', TargetKeyId=k)");
        await Boto("ses", "c.verify_email_identity(EmailAddress='reports@example.com')");
        await Boto("sesv2", "c.create_contact_list(ContactListName='dn-contacts', Topics=[{'TopicName':'financial','DisplayName':'Financial','DefaultSubscriptionStatus':'OPT_IN'},{'TopicName':'outreach','DisplayName':'Outreach','DefaultSubscriptionStatus':'OPT_IN'}])");
        await Boto("dynamodb", """
            c.create_table(TableName='token-keys', AttributeDefinitions=[{'AttributeName':'keyId','AttributeType':'S'}], KeySchema=[{'AttributeName':'keyId','KeyType':'HASH'}], BillingMode='PAY_PER_REQUEST')
            c.create_table(TableName='audit', AttributeDefinitions=[{'AttributeName':'contact','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'S'}], KeySchema=[{'AttributeName':'contact','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}], BillingMode='PAY_PER_REQUEST')
            c.create_table(TableName='idempotency', AttributeDefinitions=[{'AttributeName':'pk','AttributeType':'S'}], KeySchema=[{'AttributeName':'pk','KeyType':'HASH'}], BillingMode='PAY_PER_REQUEST')
            """);
    }

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    private async Task Boto(string service, string code)
    {
        var (exitCode, _, stderr) = await _moto.Boto3Async(service, code);
        Assert.True(exitCode == 0, stderr);
    }

    private Dictionary<string, string> Environment_(Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ENDPOINT_URL"] = _moto.Url.ToString(),
            ["SES_CONTACT_LIST_NAME"] = "dn-contacts",
            ["TOKEN_KEYS_TABLE"] = "token-keys",
            ["AUDIT_TABLE"] = "audit",
            ["CONTACT_LEASE_TABLE"] = "contact-leases",
            ["IDEMPOTENCY_TABLE"] = "idempotency",
            ["PII_HASH_KEY"] = Convert.ToBase64String(new byte[32]),
            ["UNSUBSCRIBE_BASE_URL"] = "https://api.example.com/prod",
            ["UNSUBSCRIBE_MAILBOX"] = "unsubscribe@mail.example.com",
            ["REPORTS_BUCKET"] = "reports",
            ["CLOUDFRONT_DOMAIN"] = "d111111abcdef8.cloudfront.net",
            ["CLOUDFRONT_PRIVATE_KEY_SECRET"] = "cloudfront-key",
        };
        foreach (var (key, value) in extra ?? [])
        {
            environment[key] = value;
        }

        return environment;
    }

    private (SendMailHandler Handler, RecordingHttp Http) Compose(Dictionary<string, string>? extra = null, TimeProvider? time = null)
    {
        var http = new RecordingHttp();
        var settings = SendMailSettings.Load(new DictionaryEnvironmentVariables(Environment_(extra)));
        return (SendMailComposition.Build(settings, SendMailPorts.ForAws(settings, new HttpClient(http), new TestLambdaLogger(), time ?? TimeProvider.System)), http);
    }

    private static Task<APIGatewayProxyResponse> Post(SendMailHandler handler, string body, string? idempotencyKey = null)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (idempotencyKey is not null)
        {
            headers["Idempotency-Key"] = idempotencyKey;
        }

        return handler.HandleAsync(ApiEvents.Build("POST", "/send-mail", body: body, headers: headers), new TestLambdaContext());
    }

    [Fact]
    public async Task Send_WithReports_SesGetsHeadersTagsAndVerifiableSignedLinks()
    {
        // The link's expiry is asserted on an injected clock (started at a whole second near
        // today, so moto's items and the request signatures carry plausible dates).
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var (sut, http) = Compose(time: clock);

        var response = await Post(sut, Body);

        Assert.True(response.StatusCode == 200, response.Body);
        var sends = http.Bodies("/v2/email/outbound-emails");
        Assert.Equal(2, sends.Count);
        using var request = JsonDocument.Parse(sends.Single(s => s.Contains("payee@example.com", StringComparison.Ordinal)));
        var simple = request.RootElement.GetProperty("Content").GetProperty("Simple");
        var headers = simple.GetProperty("Headers").EnumerateArray().ToDictionary(h => h.GetProperty("Name").GetString()!, h => h.GetProperty("Value").GetString()!);
        Assert.StartsWith("<https://api.example.com/prod/financial/unsubscribe?data=", headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        Assert.False(request.RootElement.TryGetProperty("ListManagementOptions", out _));
        Assert.Contains(request.RootElement.GetProperty("EmailTags").EnumerateArray(), t => t.GetProperty("Name").GetString() == "campaign" && t.GetProperty("Value").GetString() == "Statements_2025-08");

        // The report link was signed with the key from Secrets Manager: verify it with the public key.
        var text = simple.GetProperty("Body").GetProperty("Text").GetProperty("Data").GetString()!;
        var url = text.Split('\n').Select(l => l[(l.IndexOf("https://d111111abcdef8", StringComparison.Ordinal) is var i and >= 0 ? i : 0)..]).First(l => l.Contains("DN-10042.pdf?", StringComparison.Ordinal));
        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        Assert.Equal("KMOTOPAIR1", query["Key-Pair-Id"]);
        var policy = $"{{\"Statement\":[{{\"Resource\":\"{url[..url.IndexOf('?', StringComparison.Ordinal)]}\",\"Condition\":{{\"DateLessThan\":{{\"AWS:EpochTime\":{query["Expires"]}}}}}}}]}}";
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(File.ReadAllText(TestPaths.Fixture("cloudfront", "test-public-key.pem")));
        var signature = SignedUrlQuery.Decode(query["Signature"]!);
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(policy), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        // Rule: a report link lives exactly SIGNED_URL_TTL_DAYS (default 25) from the send.
        Assert.Equal(clock.GetUtcNow().AddDays(25).ToUnixTimeSeconds(), long.Parse(query["Expires"]!, System.Globalization.CultureInfo.InvariantCulture));

        using var data = new HttpClient();
        var stored = await data.GetStringAsync(new Uri(_moto.Url, "/moto-api/data.json"));
        Assert.Contains("Your August 2025 statement", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MissingReportInS3_Is422AndNothingGoesOut()
    {
        var (sut, http) = Compose();

        var response = await Post(sut, Body.Replace("DN-10043", "DN-99999", StringComparison.Ordinal));

        Assert.Equal(422, response.StatusCode);
        Assert.Contains("DN-99999", response.Body, StringComparison.Ordinal);
        Assert.Empty(http.Bodies("/v2/email/outbound-emails"));
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyTwice_OneSendAndTheSameAnswer()
    {
        var (sut, http) = Compose();

        var first = await Post(sut, Body, "retry-me");
        var second = await Post(sut, Body, "retry-me");

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("true", second.Headers!["Idempotent-Replayed"]);
        Assert.Equal(2, http.Bodies("/v2/email/outbound-emails").Count);
    }

    [Fact]
    public async Task Send_ThroughMailgun_ExactFormFieldsAndBasicAuth()
    {
        using var mailgun = new MailgunStandIn(429, 200, 200);
        var (sut, _) = Compose(new Dictionary<string, string>
        {
            ["MAIL_TRANSPORT"] = "mailgun",
            ["MAILGUN_DOMAIN"] = "mg.example.com",
            ["MAILGUN_BASE_URL"] = mailgun.Url.ToString().TrimEnd('/'),
            ["MAILGUN_API_KEY_SECRET"] = "mailgun-key",
        });

        var response = await Post(sut, Body);

        Assert.True(response.StatusCode == 200, response.Body);
        Assert.Equal(3, mailgun.Requests.Count);
        // The first attempt got 429 and was retried: three requests for two recipients.
        var request = mailgun.Requests.Last(r => r.Body.Contains("&to=payee%40example.com&", StringComparison.Ordinal));
        Assert.Equal("/v3/mg.example.com/messages", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("api:key-abc123")), request.Authorization);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        var fields = request.Body.Split('&').Select(p => p.Split('=', 2)).Select(p => (Name: HttpUtility.UrlDecode(p[0]), Value: HttpUtility.UrlDecode(p[1]))).ToList();
        Assert.Equal(["from", "to", "subject", "text", "html", "h:List-Unsubscribe", "h:List-Unsubscribe-Post", "o:tag", "o:tag", "o:tag"], fields.Select(f => f.Name));
        // The stream travels as its own marker, the only tag the webhook reads.
        Assert.Equal(["Statements_2025-08", "financial", "stream:financial"], fields.Where(f => f.Name == "o:tag").Select(f => f.Value));
        Assert.DoesNotContain(fields, f => f.Name.StartsWith("v:", StringComparison.Ordinal));
        Assert.Equal("List-Unsubscribe=One-Click", fields.Single(f => f.Name == "h:List-Unsubscribe-Post").Value);
    }

    /// <summary>Forwards to moto and keeps every request body by path.</summary>
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
