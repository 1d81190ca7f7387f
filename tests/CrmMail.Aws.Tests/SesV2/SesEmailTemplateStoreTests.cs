using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Mail.Templates;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests.SesV2;

/// <summary>
/// The SES v2 template operations against botocore's own serializer for the same parameters
/// (moto 5.2 does not emulate SES v2 templates, so the request shape is the reference).
/// </summary>
[Trait("Category", "Integration")]
public sealed class SesEmailTemplateStoreTests
{
    private static (SesEmailTemplateStore Store, RecordingHandler Handler) Create(params Func<HttpResponseMessage>[] responses)
    {
        var handler = new RecordingHandler(responses);
        var client = new SesV2Client(
            new HttpClient(handler),
            new SesV2ClientOptions("us-east-1"),
            new StaticAwsCredentialsSource(new ImmutableCredentials("AKIDEXAMPLE", "secret", null)),
            new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)),
            new DependencyPolicy { MaxRetries = 0, BaseDelay = TimeSpan.Zero });
        return (new SesEmailTemplateStore(client), handler);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body, string? errorType = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (errorType is not null)
        {
            response.Headers.Add("x-amzn-ErrorType", errorType);
        }

        return response;
    }

    /// <summary>botocore's serialization of <paramref name="operation"/> with <paramref name="parameters"/> (JSON): method, path?query, body.</summary>
    private static async Task<(string Method, string PathAndQuery, string Body)> BotocoreAsync(string operation, string parameters)
    {
        var script = "import botocore.session, botocore.serialize, json, sys, urllib.parse\n"
            + "m = botocore.session.get_session().get_service_model('sesv2')\n"
            + $"r = botocore.serialize.create_serializer('rest-json').serialize_to_request(json.loads(sys.argv[1]), m.operation_model('{operation}'))\n"
            + "q = urllib.parse.urlencode(r['query_string']) if r['query_string'] else ''\n"
            + "print(json.dumps({'method': r['method'], 'path': r['url_path'] + ('?' + q if q else ''), 'body': (r['body'] or b'').decode()}))\n";
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("python3", ["-c", script, parameters], TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        return (json.RootElement.GetProperty("method").GetString()!, json.RootElement.GetProperty("path").GetString()!, json.RootElement.GetProperty("body").GetString()!);
    }

    private static void AssertSame((string Method, string PathAndQuery, string Body) expected, (HttpRequestMessage Request, byte[] Body) actual)
    {
        Assert.Equal(expected.Method, actual.Request.Method.Method);
        Assert.Equal(expected.PathAndQuery, actual.Request.RequestUri!.PathAndQuery);
        if (expected.Body.Length == 0)
        {
            Assert.Empty(actual.Body);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.Body), JsonNode.Parse(actual.Body)), Encoding.UTF8.GetString(actual.Body));
        }
    }

    // Rule: put is CreateEmailTemplate and, when the template exists, UpdateEmailTemplate, both as botocore sends them.
    [Fact]
    public async Task Put_ExistingTemplate_CreatesThenUpdatesAsBotocore()
    {
        var (sut, handler) = Create(
            () => Json(HttpStatusCode.BadRequest, """{"message":"exists"}""", "AlreadyExistsException"),
            () => Json(HttpStatusCode.OK, "{}"));

        await sut.PutAsync(new EmailTemplate("welcome", "Hi {{name}}", "<p>{{name}}</p>", "{{name}}"), default);

        Assert.Equal(2, handler.Requests.Count);
        AssertSame(await BotocoreAsync("CreateEmailTemplate", """{"TemplateName":"welcome","TemplateContent":{"Subject":"Hi {{name}}","Html":"<p>{{name}}</p>","Text":"{{name}}"}}"""), handler.Requests[0]);
        AssertSame(await BotocoreAsync("UpdateEmailTemplate", """{"TemplateName":"welcome","TemplateContent":{"Subject":"Hi {{name}}","Html":"<p>{{name}}</p>","Text":"{{name}}"}}"""), handler.Requests[1]);
    }

    // Rule: get reads TemplateContent; NotFound is a missing template (null), not an outage.
    [Fact]
    public async Task Get_ReadsContentAndNotFoundIsNull()
    {
        var (sut, handler) = Create(
            () => Json(HttpStatusCode.OK, """{"TemplateName":"welcome","TemplateContent":{"Subject":"S","Html":"<p>x</p>"}}"""),
            () => Json(HttpStatusCode.NotFound, """{"message":"nope"}""", "NotFoundException"));

        var found = await sut.GetAsync("welcome", default);
        var missing = await sut.GetAsync("other", default);

        Assert.Equal(new EmailTemplate("welcome", "S", "<p>x</p>", null), found);
        Assert.Null(missing);
        AssertSame(await BotocoreAsync("GetEmailTemplate", """{"TemplateName":"welcome"}"""), handler.Requests[0]);
    }

    // Rule: list pages with PageSize and NextToken as botocore sends them, until no NextToken.
    [Fact]
    public async Task List_PagesThroughNextToken()
    {
        var (sut, handler) = Create(
            () => Json(HttpStatusCode.OK, """{"TemplatesMetadata":[{"TemplateName":"a","CreatedTimestamp":1.8E9}],"NextToken":"t/2+"}"""),
            () => Json(HttpStatusCode.OK, """{"TemplatesMetadata":[{"TemplateName":"b"}]}"""));

        var names = await sut.ListAsync(default);

        Assert.Equal(["a", "b"], names);
        AssertSame(await BotocoreAsync("ListEmailTemplates", """{"PageSize":100}"""), handler.Requests[0]);
        AssertSame(await BotocoreAsync("ListEmailTemplates", """{"NextToken":"t/2+","PageSize":100}"""), handler.Requests[1]);
    }

    // Rule: delete is DeleteEmailTemplate; a missing template is false; any other failure is an outage naming only the code.
    [Fact]
    public async Task Delete_MissingIsFalseAndAccessDeniedIsAnOutage()
    {
        var (sut, handler) = Create(
            () => Json(HttpStatusCode.OK, "{}"),
            () => Json(HttpStatusCode.NotFound, """{"message":"nope"}""", "NotFoundException"),
            () => Json(HttpStatusCode.Forbidden, """{"message":"User arn:aws:iam::1:user/x is not authorized"}""", "AccessDeniedException"));

        Assert.True(await sut.DeleteAsync("welcome", default));
        Assert.False(await sut.DeleteAsync("welcome", default));
        var outage = await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.DeleteAsync("welcome", default));

        Assert.DoesNotContain("arn:", outage.Message, StringComparison.Ordinal);
        AssertSame(await BotocoreAsync("DeleteEmailTemplate", """{"TemplateName":"welcome"}"""), handler.Requests[0]);
    }
}
