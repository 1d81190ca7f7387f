using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmMail.LocalSuite.Adapters;
using CrmMail.Mail.Templates;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.LocalSuite.Tests;

/// <summary>
/// The outreach send routes through <c>serve</c>'s API Gateway stand-in, with Firebase ID tokens
/// signed by a local issuer whose certificates serve fetches from a loopback endpoint.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutreachServeTests : IDisposable
{
    private readonly FirebaseTestIssuer _issuer = new();

    public void Dispose() => _issuer.Dispose();

    private Dictionary<string, string> Environment_(int rateLimit = 25) => new()
    {
        ["FIREBASE_PROJECT_ID"] = FirebaseTestIssuer.ProjectId,
        ["FIREBASE_CERTS_URL"] = _issuer.Url.ToString(),
        ["OUTREACH_SEND_RATE_LIMIT"] = rateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OUTREACH_DEFAULT_FROM"] = "outreach@example.com",
    };

    private static async Task<HttpResponseMessage> PostAsync(SuiteHarness suite, string route, string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "local/outreach/" + route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await suite.Http.SendAsync(request);
    }

    // Rule: a template kept in serve's data folder is rendered (escaped) and sent to the outbox with the outreach footer; the answer is the CRM's EmailResponse.
    [Fact]
    public async Task SendTemplateEmail_TemplateInTheDataFolder_LandsInTheOutbox()
    {
        await using var suite = await SuiteHarness.StartAsync(environment: Environment_());
        await new FileEmailTemplateStore(suite.Suite.Data.Templates).PutAsync(new EmailTemplate("welcome", "Welcome {{name}}", "<p>Hello {{name}}</p>", "Hello {{name}}"), default);

        using var response = await PostAsync(suite, "send-template-email", """{"to":"lead@example.com","template":"welcome","templateVariables":{"name":"<b>Jo</b>"}}""", _issuer.Mint(now: suite.Time.GetUtcNow()));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, body + suite.Log);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Template email sent successfully", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("24", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        var message = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(suite.Suite.Data.Outbox, "*.eml")));
        Assert.Equal("Welcome <b>Jo</b>", message.Subject);
        Assert.Contains("<p>Hello &lt;b&gt;Jo&lt;/b&gt;</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/outreach/unsubscribe?data=", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("/outreach/unsubscribe?data=", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        suite.DeleteData();
    }

    // Rule: serve answers the preflight of an outreach route for its own origin.
    [Fact]
    public async Task Preflight_FromServesOrigin_IsAnswered()
    {
        await using var suite = await SuiteHarness.StartAsync(environment: Environment_());
        using var request = new HttpRequestMessage(HttpMethod.Options, "local/outreach/send-email");
        request.Headers.Add("Origin", suite.Suite.BaseUrl.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await suite.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(suite.Suite.BaseUrl.GetLeftPart(UriPartial.Authority), response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        suite.DeleteData();
    }

    // Rule: two serve workers sharing one DynamoDB table (moto) hold one limit: of 8 requests at limit 5, taking turns between the workers, exactly 5 pass, 3 are 429 with Retry-After.
    // One at a time on purpose: moto does not make the counter's conditional UpdateItem atomic under concurrent requests (DynamoDB does; README: What the stand-ins forgive).
    [Fact]
    public async Task RateLimit_TwoWorkersSharingOneTable_HoldTheLimitTogether()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        await using var moto = await MotoServer.StartAsync();
        // One clock for both workers, so both count in the same minute window.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60) + 5));
        await using var first = await SuiteHarness.StartAsync(awsEndpoint: moto.Url, environment: Environment_(rateLimit: 5), time: time);
        await using var second = await SuiteHarness.StartAsync(awsEndpoint: moto.Url, environment: Environment_(rateLimit: 5), time: time);
        var token = _issuer.Mint(now: time.GetUtcNow());
        const string Body = """{"to":"lead@example.com","subject":"Hi","text":"Hello"}""";

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await PostAsync(i % 2 == 0 ? first : second, "send-email", Body, token));
        }


        try
        {
            var codes = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.True(codes.Count(c => c == 200) == 5, string.Join(",", codes) + first.Log + second.Log);
            Assert.Equal(3, codes.Count(c => c == 429));
            var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.Equal("55", limited.Headers.GetValues("Retry-After").Single());
            Assert.Equal("5", limited.Headers.GetValues("X-RateLimit-Limit").Single());
            var (code, stdout, stderr) = await moto.Boto3Async("dynamodb", "print(json.dumps([i['count']['N'] for i in c.scan(TableName='crm-mail-local-rate-limits')['Items']]))");
            Assert.True(code == 0, stderr);
            Assert.Equal(["5"], JsonSerializer.Deserialize<string[]>(stdout)!);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }

            first.DeleteData();
            second.DeleteData();
        }
    }
}
