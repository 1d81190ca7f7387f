using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Kernel.Resilience;
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

    // Rule: every SES send names its stream's configuration set (event publishing to SesEvents; tracking on for outreach, off for financial); none configured, none named.
    [Theory]
    [InlineData("financial", "crm-untracked")]
    [InlineData("outreach", "crm-tracked")]
    public async Task SendAsync_ConfigurationSets_NamesTheStreamsSet(string topic, string expected)
    {
        var handler = new RecordingHandler([Ok, Ok]);
        var client = new SesV2Client(new HttpClient(handler), new SesV2ClientOptions("us-east-1"), new StaticAwsCredentialsSource(new ImmutableCredentials("AKID", "secret", null)), TimeProvider.System, new DependencyPolicy { BaseDelay = TimeSpan.Zero });

        await new SesMailTransport(client, null, new SesConfigurationSets("crm-tracked", "crm-untracked")).SendAsync(Message with { Topic = topic }, default);
        await new SesMailTransport(client, null).SendAsync(Message with { Topic = topic }, default);

        using var named = JsonDocument.Parse(handler.Requests[0].Body);
        using var unnamed = JsonDocument.Parse(handler.Requests[1].Body);
        Assert.Equal(expected, named.RootElement.GetProperty("ConfigurationSetName").GetString());
        Assert.False(unnamed.RootElement.TryGetProperty("ConfigurationSetName", out _));
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
        Assert.False(outcome.Transient);
        Assert.Equal("ses:MessageRejected: Email address is not verified.", outcome.Error);
        Assert.Single(handler.Requests);
    }

    // Throttling or 5xx after the client's retries, and account-wide stops (sending paused, no
    // permission), are outages: the outcome is transient so send-mail can answer 503.
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "TooManyRequestsException")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalFailure")]
    [InlineData(HttpStatusCode.BadRequest, "SendingPausedException")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDeniedException")]
    public async Task SendAsync_OutageAfterRetries_IsATransientOutcome(HttpStatusCode status, string errorType)
    {
        var (sut, _) = Create(null, () =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("""{"message":"no"}""") };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            return response;
        });

        var outcome = await sut.SendAsync(Message, default);

        Assert.False(outcome.Sent);
        Assert.True(outcome.Transient);
    }

    // SES takes a non-ASCII friendly name only as RFC 2047 encoded-words: the From and Reply-To
    // SES receives are 7-bit, each word at most 75 characters, and decode (MimeKit, the
    // reference) to the name exactly; the address is untouched.
    [Theory]
    [InlineData("Zoë Müller")]
    [InlineData("Отдел отчётов, ООО «Пример»")]
    [InlineData("報告チーム 📊 \"quoted\" and a long tail that needs more than one encoded word")]
    public async Task SendAsync_NonAsciiDisplayName_IsRfc2047EncodedOnTheWire(string name)
    {
        var (sut, handler) = Create(null, Ok);
        Assert.True(Mail.Validation.AddressSyntax.TryNormalizeMailbox($"\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\" <reports@example.com>", out var from));
        Assert.True(Mail.Validation.AddressSyntax.TryNormalizeMailbox($"{name.Replace("\"", string.Empty, StringComparison.Ordinal)} <support@example.com>", out var replyTo));

        await sut.SendAsync(Message with { From = from, ReplyTo = replyTo }, default);

        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var wireFrom = body.RootElement.GetProperty("FromEmailAddress").GetString()!;
        var wireReplyTo = body.RootElement.GetProperty("ReplyToAddresses")[0].GetString()!;
        foreach (var (wire, address, expected) in new[] { (wireFrom, "reports@example.com", name), (wireReplyTo, "support@example.com", name.Replace("\"", string.Empty, StringComparison.Ordinal)) })
        {
            Assert.True(wire.All(c => c is >= ' ' and <= '~'), wire);
            Assert.EndsWith(" <" + address + ">", wire, StringComparison.Ordinal);
            var phrase = wire[..^(address.Length + 3)];
            var words = phrase.Split(' ');
            Assert.All(words, w => Assert.Matches("^=\\?UTF-8\\?B\\?[A-Za-z0-9+/]+={0,2}\\?=$", w));
            Assert.All(words, w => Assert.InRange(w.Length, 1, 75));
            Assert.Equal(expected, MimeKit.Utils.Rfc2047.DecodePhrase(System.Text.Encoding.ASCII.GetBytes(phrase)));
            Assert.True(MimeKit.MailboxAddress.TryParse(wire, out var parsed));
            Assert.Equal(expected, parsed.Name);
            Assert.Equal(address, parsed.Address);
        }
    }

    // ASCII names keep RFC 5322 quoting on the wire: a comma or quote inside the name is quoted
    // and escaped, so SES (and every reader) sees one mailbox with that name.
    [Theory]
    [InlineData("Smith, John <reports@example.com>", "\"Smith, John\" <reports@example.com>", "Smith, John")]
    [InlineData("\"Dave \\\"The Boss\\\" Smith\" <reports@example.com>", "\"Dave \\\"The Boss\\\" Smith\" <reports@example.com>", "Dave \"The Boss\" Smith")]
    [InlineData("Reports <reports@example.com>", "Reports <reports@example.com>", "Reports")]
    [InlineData("reports@example.com", "reports@example.com", "")]
    public async Task SendAsync_AsciiDisplayName_IsQuotedAsNeededOnTheWire(string input, string expectedWire, string expectedName)
    {
        var (sut, handler) = Create(null, Ok);
        Assert.True(Mail.Validation.AddressSyntax.TryNormalizeMailbox(input, out var from));

        await sut.SendAsync(Message with { From = from }, default);

        using var body = JsonDocument.Parse(handler.Requests[0].Body);
        var wire = body.RootElement.GetProperty("FromEmailAddress").GetString()!;
        Assert.Equal(expectedWire, wire);
        Assert.True(MimeKit.MailboxAddress.TryParse(wire, out var parsed));
        Assert.Equal(expectedName, parsed.Name ?? string.Empty);
        Assert.Equal("reports@example.com", parsed.Address);
    }
}
