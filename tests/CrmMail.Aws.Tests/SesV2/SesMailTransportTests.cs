using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Signing.Resilience;
using CrmMail.Mail.Composition;

namespace CrmMail.Aws.Tests.SesV2;

public class SesMailTransportTests
{
    private static readonly OutgoingMessage Message = new(
        "Reports <reports@example.com>", "payee@example.com", "support@example.com", "Statement", "<p>Hi</p>", "Hi",
        [new MailHeader("List-Unsubscribe", "<https://a.example/x>, <mailto:u@example.com?subject=unsubscribe%20t>"), new MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")],
        [new MailTag("campaign", "c1")], "financial");

    private static (SesMailTransport Transport, RecordingHandler Handler) Create(string? listManagement, params Func<HttpResponseMessage>[] responses)
    {
        var handler = new RecordingHandler(responses);
        var client = new SesV2Client(new HttpClient(handler), new SesV2ClientOptions("us-east-1"), new StaticAwsCredentialsSource(new ImmutableCredentials("AKID", "secret", null)), TimeProvider.System, new DependencyPolicy { BaseDelay = TimeSpan.Zero });
        return (new SesMailTransport(client, listManagement), handler);
    }

    private static HttpResponseMessage Ok() => new(HttpStatusCode.OK) { Content = new StringContent("""{"MessageId":"0100-abc"}""") };

    private static HttpResponseMessage Throttled()
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"message":"Maximum sending rate exceeded."}""") };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "TooManyRequestsException");
        return response;
    }

    [Fact]
    public async Task SendAsync_ThrottledThenAccepted_RetriesAndReturnsTheMessageId()
    {
        var (sut, handler) = Create(null, Throttled, Throttled, Ok);

        var outcome = await sut.SendAsync(Message, default);

        Assert.True(outcome.Sent);
        Assert.Equal("0100-abc", outcome.MessageId);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_SuiteOwnsHeaders_SimpleContentWithHeadersReplyToAndTags()
    {
        var (sut, handler) = Create(null, Ok);

        await sut.SendAsync(Message, default);

        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var root = body.RootElement;
        Assert.Equal("Reports <reports@example.com>", root.GetProperty("FromEmailAddress").GetString());
        Assert.Equal("support@example.com", root.GetProperty("ReplyToAddresses")[0].GetString());
        Assert.Equal(2, root.GetProperty("Content").GetProperty("Simple").GetProperty("Headers").GetArrayLength());
        Assert.Equal("UTF-8", root.GetProperty("Content").GetProperty("Simple").GetProperty("Subject").GetProperty("Charset").GetString());
        Assert.False(root.TryGetProperty("ListManagementOptions", out _));
        Assert.Equal("c1", root.GetProperty("EmailTags")[0].GetProperty("Value").GetString());
    }

    [Fact]
    public async Task SendAsync_SesOwnsHeaders_PassesListManagementOptions()
    {
        var (sut, handler) = Create("dn-contacts", Ok);

        await sut.SendAsync(Message with { Headers = [] }, default);

        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var options = body.RootElement.GetProperty("ListManagementOptions");
        Assert.Equal("dn-contacts", options.GetProperty("ContactListName").GetString());
        Assert.Equal("financial", options.GetProperty("TopicName").GetString());
        Assert.False(body.RootElement.GetProperty("Content").GetProperty("Simple").TryGetProperty("Headers", out _));
    }

    [Fact]
    public async Task SendAsync_Rejected_IsAFailedOutcomeNotAnException()
    {
        var (sut, handler) = Create(null, () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"message":"Email address is not verified."}""") };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "MessageRejected");
            return response;
        });

        var outcome = await sut.SendAsync(Message, default);

        Assert.False(outcome.Sent);
        Assert.Equal("ses:MessageRejected: Email address is not verified.", outcome.Error);
        Assert.Single(handler.Requests);
    }
}
