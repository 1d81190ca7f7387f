using System.Text.Json;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.SendMail.Tests;

/// <summary>What send-mail answers when dependencies fail: 503 when nothing went out, 207 when some did.</summary>
public class SendMailFailureTests
{
    private const string News = """{"to":["a@example.com","b@example.com","c@example.com"],"subject":"News","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""";

    // Text a dependency's exception or a provider's answer may carry; it must never reach the caller.
    private const string Internals = "https://secretsmanager.internal.example:8443 arn:aws:secretsmanager:us-east-1:123456789012:secret:mailgun";

    private static readonly Dictionary<string, string> WithKey = new() { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "campaign-7" };

    private static JsonElement Json(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    private static JsonElement Result(APIGatewayProxyResponse response, string email)
        => Json(response).GetProperty("results").EnumerateArray().Single(r => r.GetProperty("email").GetString() == email);

    private static void AssertUnavailable(APIGatewayProxyResponse response)
    {
        Assert.Equal(503, response.StatusCode);
        Assert.Equal("30", response.Headers!["Retry-After"]);
        Assert.Equal("unavailable", Json(response).GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("secretsmanager", response.Body!, StringComparison.Ordinal);
    }

    // The key service down for every recipient: nothing was sent, so the whole request is 503
    // with Retry-After (not 502 with every recipient failed), and the Idempotency-Key is released
    // so the same retry really sends once the dependency is back.
    [Fact]
    public async Task Post_KeyServiceDownForEveryRecipient_Is503AndTheRetryWithTheSameKeySends()
    {
        var sut = new SendMailHarness();
        sut.Subscriptions.KeyWrapper.Down = true;

        var failed = await sut.PostAsync(News, WithKey);
        sut.Subscriptions.KeyWrapper.Down = false;
        var retried = await sut.PostAsync(News, WithKey);

        AssertUnavailable(failed);
        Assert.Equal(200, retried.StatusCode);
        Assert.False(retried.Headers!.ContainsKey("Idempotent-Replayed"));
        Assert.Equal(3, sut.Recording.Sent.Count);
    }

    // A secret the transport needs (Mailgun's API key) unavailable for every recipient is 503,
    // and the exception's text (endpoint, ARN) is not in the answer.
    [Fact]
    public async Task Post_TransportSecretUnavailableForEveryRecipient_Is503WithoutExceptionText()
    {
        var transport = new ScriptedTransport();
        foreach (var email in new[] { "a@example.com", "b@example.com", "c@example.com" })
        {
            transport.Script[email] = () => throw new DependencyUnavailableException("GetSecretValue failed: " + Internals);
        }

        var response = await new SendMailHarness(transport).PostAsync(News, WithKey);

        AssertUnavailable(response);
        Assert.Empty(transport.Accepted);
    }

    // The mail service itself unavailable (throttled or 5xx after the transport's retries) for
    // every recipient is 503 too: nothing was refused, everything can be retried.
    [Fact]
    public async Task Post_MailServiceUnavailableForEveryRecipient_Is503()
    {
        var transport = new ScriptedTransport();
        foreach (var email in new[] { "a@example.com", "b@example.com", "c@example.com" })
        {
            transport.Script[email] = () => Task.FromResult(SendOutcome.Unavailable("ses:ServiceUnavailable: " + Internals));
        }

        var response = await new SendMailHarness(transport).PostAsync(News);

        AssertUnavailable(response);
    }

    // The report store unavailable (HeadObject failing, including S3's 403) is 503 before any
    // recipient, and the key is released.
    [Fact]
    public async Task Post_ReportStoreUnavailable_Is503AndTheKeyIsReleased()
    {
        var sut = new SendMailHarness(locator: new UnavailableLocator());
        const string body = """{"to":["a@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"financial","month":"08","year":"2025"},"attachReporting":true,"customIds":["DN-1"]}""";

        var response = await sut.PostAsync(body, WithKey);
        var claim = await sut.Idempotency.ClaimAsync("anonymous:campaign-7", "other-hash", default);

        AssertUnavailable(response);
        Assert.Empty(sut.Recording.Sent);
        Assert.Equal(Mail.Idempotency.IdempotencyState.Started, claim.State);
    }

    // The CloudFront key's secret unavailable is 503 before any recipient, key released.
    [Fact]
    public async Task Post_SigningKeySecretUnavailable_Is503AndSendsNothing()
    {
        var sut = new SendMailHarness(signer: new UnavailableSigner());
        sut.Reports.Objects["2025/08/DN-1.pdf"] = 10;
        const string body = """{"to":["a@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"financial","month":"08","year":"2025"},"attachReporting":true,"customIds":["DN-1"]}""";

        var response = await sut.PostAsync(body, WithKey);
        var claim = await sut.Idempotency.ClaimAsync("anonymous:campaign-7", "other-hash", default);

        AssertUnavailable(response);
        Assert.Empty(sut.Recording.Sent);
        Assert.Equal(Mail.Idempotency.IdempotencyState.Started, claim.State);
    }

    // Some recipients sent, then a dependency died: 207 with a result per recipient; each
    // failure is a code and a sentence, never the exception's text.
    [Fact]
    public async Task Post_SomeSentThenDependencyDown_Is207WithCodesAndNoExceptionText()
    {
        var transport = new ScriptedTransport();
        var firstSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Script["a@example.com"] = () =>
        {
            firstSent.TrySetResult();
            return Task.FromResult(SendOutcome.Accepted("msg-a"));
        };

        // b and c fail only after a went out, whatever order the workers run in.
        async Task<SendOutcome> DiesAfterTheFirst()
        {
            await firstSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
            throw new DependencyUnavailableException("Connection refused " + Internals);
        }

        transport.Script["b@example.com"] = DiesAfterTheFirst;
        transport.Script["c@example.com"] = DiesAfterTheFirst;

        var response = await new SendMailHarness(transport).PostAsync(News, WithKey);

        Assert.Equal(207, response.StatusCode);
        Assert.Equal("sent", Result(response, "a@example.com").GetProperty("status").GetString());
        foreach (var email in new[] { "b@example.com", "c@example.com" })
        {
            var error = Result(response, email).GetProperty("error");
            Assert.Contains(error.GetProperty("code").GetString(), new[] { "dependency_unavailable", "not_attempted" });
            Assert.EndsWith("retry later.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("secretsmanager", response.Body!, StringComparison.Ordinal);
        Assert.DoesNotContain("refused", response.Body!, StringComparison.Ordinal);
    }

    // Nothing sent but one recipient refused outright: not every failure is an outage, so it is
    // 502 with the per-recipient results, not 503.
    [Fact]
    public async Task Post_NothingSentOneRefusedOthersUnavailable_Is502()
    {
        var transport = new ScriptedTransport();
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        transport.Script["a@example.com"] = () =>
        {
            refused.TrySetResult();
            return Task.FromResult(SendOutcome.Failed("ses:MessageRejected: " + Internals));
        };

        async Task<SendOutcome> UnavailableAfterTheRefusal()
        {
            await refused.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return SendOutcome.Unavailable("ses:TooManyRequests");
        }

        transport.Script["b@example.com"] = UnavailableAfterTheRefusal;
        transport.Script["c@example.com"] = UnavailableAfterTheRefusal;

        var response = await new SendMailHarness(transport).PostAsync(News);

        Assert.Equal(502, response.StatusCode);
        var error = Result(response, "a@example.com").GetProperty("error");
        Assert.Equal("transport_rejected", error.GetProperty("code").GetString());
        Assert.Equal("transport_unavailable", Result(response, "b@example.com").GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("secretsmanager", response.Body!, StringComparison.Ordinal);
    }

    // Once a dependency has failed, recipients not yet started are reported (not_attempted)
    // without calling anything: one outage does not cost its retry budget per recipient.
    [Fact]
    public async Task Post_DependencyDown_LaterRecipientsAreNotAttempted()
    {
        var transport = new ScriptedTransport();
        var calls = 0;
        var to = Enumerable.Range(0, 30).Select(i => $"r{i}@example.com").ToList();
        foreach (var email in to)
        {
            transport.Script[email] = () =>
            {
                Interlocked.Increment(ref calls);
                throw new DependencyUnavailableException("down");
            };
        }

        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["to"] = to, ["subject"] = "S", ["html"] = "<p>x</p>", ["text"] = "x", ["from"] = "news@example.com",
            ["campaign"] = new Dictionary<string, string> { ["name"] = "n", ["type"] = "newsletter" },
        });

        var response = await new SendMailHarness(transport).PostAsync(body);

        AssertUnavailable(response);
        // At most one call per worker (the harness runs 4) before the outage is seen.
        Assert.InRange(calls, 1, 4);
    }

    private sealed class UnavailableSigner : ICloudFrontSignerSource
    {
        public Task<Signing.CloudFront.CloudFrontUrlSigner> GetAsync(CancellationToken cancellationToken)
            => throw new DependencyUnavailableException("GetSecretValue failed: " + Internals);
    }

    private sealed class UnavailableLocator : IReportLocator
    {
        public Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken)
            => throw new DependencyUnavailableException("S3 HeadObject answered 403 " + Internals);
    }
}
