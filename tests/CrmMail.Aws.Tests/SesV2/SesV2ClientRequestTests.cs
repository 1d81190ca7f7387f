using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Aws.SigV4;
using CrmMail.Kernel.Resilience;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests.SesV2;

/// <summary>Our requests against botocore's for the same parameters (../shared/fixtures/aws/botocore-requests.json).</summary>
public class SesV2ClientRequestTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("aws", "botocore-requests.json"))).RootElement;

    private static (SesV2Client Client, RecordingHandler Handler) Create(JsonElement vector, params Func<HttpResponseMessage>[] responses)
    {
        var handler = new RecordingHandler(responses);
        var credentials = Fixture.GetProperty("credentials");
        var time = new FakeTimeProvider(DateTimeOffset.ParseExact(vector.GetProperty("headers").GetProperty("X-Amz-Date").GetString()!, SigV4RequestSigner.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        var client = new SesV2Client(
            new HttpClient(handler),
            new SesV2ClientOptions(vector.GetProperty("region").GetString()!),
            new StaticAwsCredentialsSource(new ImmutableCredentials(credentials.GetProperty("accessKeyId").GetString(), credentials.GetProperty("secretAccessKey").GetString(), credentials.GetProperty("sessionToken").GetString())),
            time,
            new DependencyPolicy { MaxRetries = 2, BaseDelay = TimeSpan.Zero });
        return (client, handler);
    }

    private static JsonElement Case(string operation, string region = "us-east-1")
        => Fixture.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("operation").GetString() == operation && c.GetProperty("region").GetString() == region);

    private static void AssertSameRequest(JsonElement vector, HttpRequestMessage request, byte[] body)
    {
        Assert.Equal(vector.GetProperty("method").GetString(), request.Method.Method);
        Assert.Equal(vector.GetProperty("url").GetString(), request.RequestUri!.AbsoluteUri);
        var expectedBody = vector.GetProperty("body").GetString()!;
        if (expectedBody.Length == 0)
        {
            Assert.Empty(body);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedBody), JsonNode.Parse(body)), Encoding.UTF8.GetString(body));
            Assert.Equal(vector.GetProperty("headers").GetProperty("Content-Type").GetString(), request.Content!.Headers.ContentType!.ToString());
        }

        static string SignedHeaders(string authorization) => authorization.Split("SignedHeaders=")[1].Split(',')[0];
        Assert.Equal(SignedHeaders(vector.GetProperty("headers").GetProperty("Authorization").GetString()!), SignedHeaders(request.Headers.GetValues("Authorization").Single()));
        Assert.Equal(vector.GetProperty("headers").GetProperty("X-Amz-Security-Token").GetString(), request.Headers.GetValues("X-Amz-Security-Token").Single());
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public async Task GetContact_SameRequestAsBotocore(string region)
    {
        var vector = Case("get_contact", region);
        var parameters = vector.GetProperty("params");
        var (sut, handler) = Create(vector);

        await sut.GetContactAsync(parameters.GetProperty("ContactListName").GetString()!, parameters.GetProperty("EmailAddress").GetString()!, default);

        AssertSameRequest(vector, handler.Requests[0].Request, handler.Requests[0].Body);
        if (region == "us-east-1")
        {
            // Same body (none) and same clock as botocore: the Authorization header must match exactly.
            Assert.Equal(vector.GetProperty("headers").GetProperty("Authorization").GetString(), handler.Requests[0].Request.Headers.GetValues("Authorization").Single());
        }
    }

    [Fact]
    public async Task CreateContact_SameRequestAsBotocore()
    {
        var vector = Case("create_contact");
        var p = vector.GetProperty("params");
        var (sut, handler) = Create(vector);

        await sut.CreateContactAsync(p.GetProperty("ContactListName").GetString()!, new SesCreateContactRequest(p.GetProperty("EmailAddress").GetString()!, [new("financial", "OPT_IN")], false), default);

        AssertSameRequest(vector, handler.Requests[0].Request, handler.Requests[0].Body);
    }

    [Fact]
    public async Task UpdateContact_SameRequestAsBotocore()
    {
        var vector = Case("update_contact");
        var p = vector.GetProperty("params");
        var (sut, handler) = Create(vector);

        await sut.UpdateContactAsync(p.GetProperty("ContactListName").GetString()!, p.GetProperty("EmailAddress").GetString()!, new SesUpdateContactRequest([new("outreach", "OPT_OUT")], false), default);

        AssertSameRequest(vector, handler.Requests[0].Request, handler.Requests[0].Body);
    }

    [Fact]
    public async Task ListContacts_SameRequestAsBotocore()
    {
        var vector = Case("list_contacts");
        var (sut, handler) = Create(vector);

        await sut.ListContactsAsync("dn-contacts", new SesListContactsRequest { PageSize = 50, Filter = new SesListContactsFilter("OPT_OUT", new SesTopicFilter("financial")) }, default);

        AssertSameRequest(vector, handler.Requests[0].Request, handler.Requests[0].Body);
    }

    [Fact]
    public async Task SendEmail_SameRequestAsBotocore()
    {
        var vector = Case("send_email");
        var (sut, handler) = Create(vector);

        await sut.SendEmailAsync(new SesSendEmailRequest
        {
            FromEmailAddress = "Reports <reports@example.com>",
            Destination = new SesDestination(["payee@example.com"]),
            Content = new SesEmailContent
            {
                Simple = new SesSimpleMessage(new SesContent("Your August 2025 statement"), new SesBody { Html = new SesContent("<p>Hi</p>"), Text = new SesContent("Hi") })
                {
                    Headers =
                    [
                        new("List-Unsubscribe", "<https://api.example.com/financial/unsubscribe?data=abc>, <mailto:unsubscribe@example.com?subject=unsubscribe%20abc>"),
                        new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                    ],
                },
            },
            ListManagementOptions = new SesListManagementOptions("dn-contacts", "financial"),
            EmailTags = [new("campaign", "financial-2025-08")],
        }, default);

        AssertSameRequest(vector, handler.Requests[0].Request, handler.Requests[0].Body);
    }

    [Fact]
    public async Task Send_ThrottledThenOk_RetriesAndSucceeds()
    {
        var (sut, handler) = Create(Case("get_contact"), Error(429, "TooManyRequestsException"), Error(503, "ServiceUnavailable"), () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"EmailAddress":"a@b.c","UnsubscribeAll":true}""") });

        var result = await sut.GetContactAsync("l", "a@b.c", default);

        Assert.True(result.IsSuccess);
        Assert.True(result.Value!.UnsubscribeAll);
        Assert.Equal(3, handler.Requests.Count);
        Assert.NotSame(handler.Requests[0].Request, handler.Requests[1].Request);
    }

    [Fact]
    public async Task Send_AlwaysThrottled_GivesUpWithinTheBudgetAsTypedError()
    {
        var (sut, handler) = Create(Case("get_contact"), Error(429, "TooManyRequestsException"));

        var result = await sut.GetContactAsync("l", "a@b.c", default);

        Assert.Equal(SesErrorCode.TooManyRequests, result.Error!.Code);
        Assert.True(result.Error.IsTransient);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [InlineData(500, "ConcurrentModificationException", SesErrorCode.ConcurrentModification)]
    [InlineData(400, "AlreadyExistsException", SesErrorCode.AlreadyExists)]
    [InlineData(400, "MessageRejected", SesErrorCode.MessageRejected)]
    [InlineData(400, "SendingPausedException", SesErrorCode.SendingPaused)]
    [InlineData(400, "AccountSuspendedException", SesErrorCode.AccountSuspended)]
    [InlineData(400, "LimitExceededException", SesErrorCode.LimitExceeded)]
    [InlineData(400, "BadRequestException", SesErrorCode.BadRequest)]
    [InlineData(404, "NotFoundException", SesErrorCode.NotFound)]
    public async Task Send_NonTransientError_IsTypedAndNotRetried(int status, string type, SesErrorCode expected)
    {
        var (sut, handler) = Create(Case("get_contact"), Error(status, type));

        var result = await sut.GetContactAsync("l", "a@b.c", default);

        Assert.Equal(expected, result.Error!.Code);
        Assert.Single(handler.Requests);
    }

    private static Func<HttpResponseMessage> Error(int status, string type) => () =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent($$"""{"message":"{{type}} happened"}""") };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/");
        return response;
    };
}
