using System.Text.Json;
using CrmMail.Functions.Unsubscribe;
using CrmMail.TestSupport;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.Unsubscribe.Tests;

public class UnsubscribeHandlerTests
{
    private static readonly Uri Confirmation = new("https://crm.example.com/unsubscribed?lang=en");
    private readonly SubscriptionHarness _harness = new();

    private UnsubscribeHandler Create(bool applyOnGet = true)
        => new(new UnsubscribeFlow(_harness.Services.Tokens, _harness.Services.Subscriptions, _harness.Time), _harness.Services.Hasher, Confirmation, applyOnGet);

    private Task<APIGatewayProxyResponse> Invoke(UnsubscribeHandler sut, APIGatewayProxyRequest request) => sut.HandleAsync(request, new TestLambdaContext());

    private static Dictionary<string, string> Data(string token) => new() { ["data"] = token };

    private static Dictionary<string, string> Parameters(string part)
        => part.TrimStart('?', '#').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    [Fact]
    public async Task Get_ApplyMode_UnsubscribesAuditsAndRedirectsWithResubscribeToken()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);
        _harness.Time.Advance(TimeSpan.FromSeconds(90));

        var response = await Invoke(Create(), ApiEvents.Build("GET", "/financial/unsubscribe", Data(token)));

        Assert.Equal(302, response.StatusCode);
        var location = new Uri(response.Headers!["Location"]);
        Assert.Equal("https://crm.example.com/unsubscribed", location.GetLeftPart(UriPartial.Path));
        var query = Parameters(location.Query);
        Assert.Equal("en", query["lang"]);
        Assert.Equal("unsubscribed", query["status"]);
        Assert.Equal("financial", query["topic"]);
        Assert.DoesNotContain("payee", location.Query, StringComparison.Ordinal);
        var fragment = Parameters(location.Fragment);
        Assert.Equal("payee@example.com", fragment["email"]);
        var resubscribe = await _harness.Services.Tokens.OpenAsync(fragment["token"], TokenPurpose.Resubscribe, default);
        Assert.True(resubscribe.IsValid);
        Assert.Equal(Topics.Financial, resubscribe.Payload.Topic);

        Assert.False(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));
        var row = _harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(AuditSource.Get, row.Context.Source);
        Assert.Equal("GET", row.Context.Method);
        Assert.Equal("203.0.113.9", row.Context.SourceIp);
        Assert.Equal("Mozilla/5.0 (test)", row.Context.UserAgent);
        Assert.Equal(TimeSpan.FromSeconds(90), row.Context.TokenAge);
        Assert.DoesNotContain("payee@example.com", _harness.Logger.Buffer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ConfirmMode_ChangesNothingAndRedirectsWithTheToken()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);

        var response = await Invoke(Create(applyOnGet: false), ApiEvents.Build("GET", "/outreach/unsubscribe", Data(token)));

        Assert.Equal(302, response.StatusCode);
        var location = new Uri(response.Headers!["Location"]);
        Assert.Equal("confirm", Parameters(location.Query)["status"]);
        Assert.Equal(token, Parameters(location.Fragment)["token"]);
        Assert.Null(_harness.Contacts["payee@example.com"]);
        Assert.Empty(_harness.Audit.Rows);
    }

    [Fact]
    public async Task Head_NeverChangesAnything()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);

        var response = await Invoke(Create(), ApiEvents.Build("HEAD", "/outreach/unsubscribe", Data(token)));

        Assert.Equal(302, response.StatusCode);
        Assert.Null(_harness.Contacts["payee@example.com"]);
    }

    [Theory]
    [InlineData("garbage", "invalid")]
    [InlineData(null, "invalid")]
    public async Task Get_BadToken_RedirectsToTheConfirmationUrlWithAnError(string? token, string error)
    {
        var response = await Invoke(Create(), ApiEvents.Build("GET", "/financial/unsubscribe", token is null ? null : Data(token)));

        Assert.Equal(302, response.StatusCode);
        var location = new Uri(response.Headers!["Location"]);
        Assert.StartsWith("https://crm.example.com/unsubscribed?", location.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(error, Parameters(location.Query)["error"]);
    }

    [Fact]
    public async Task Get_ExpiredToken_RedirectsWithExpired()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);
        _harness.Time.Advance(TimeSpan.FromDays(31));

        var response = await Invoke(Create(), ApiEvents.Build("GET", "/financial/unsubscribe", Data(token)));

        Assert.Equal("expired", Parameters(new Uri(response.Headers!["Location"]).Query)["error"]);
    }

    // Rule: a stream-mismatch GET is a person's click: it redirects to the confirmation page with an error, like every other GET error.
    [Fact]
    public async Task Get_StreamMismatch_RedirectsToTheConfirmationUrlWithAnError()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);

        var response = await Invoke(Create(), ApiEvents.Build("GET", "/outreach/unsubscribe", Data(token)));

        Assert.Equal(302, response.StatusCode);
        var location = new Uri(response.Headers!["Location"]);
        Assert.StartsWith("https://crm.example.com/unsubscribed?", location.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("stream_mismatch", Parameters(location.Query)["error"]);
        Assert.Null(_harness.Contacts["payee@example.com"]);
    }

    [Fact]
    public async Task Post_StreamMismatch_Is400()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);

        var response = await Invoke(Create(), ApiEvents.Build("POST", "/outreach/unsubscribe", Data(token), "List-Unsubscribe=One-Click", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("stream_mismatch", JsonDocument.Parse(response.Body!).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Null(_harness.Contacts["payee@example.com"]);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click", false)]
    [InlineData("application/x-www-form-urlencoded; charset=utf-8", "List-Unsubscribe=One-Click", true)]
    [InlineData("multipart/form-data; boundary=----x", "------x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n------x--\r\n", false)]
    public async Task Post_OneClick_Is200EmptyNoRedirectNoCookieAndIdempotent(string contentType, string body, bool base64)
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);
        var sut = Create();
        APIGatewayProxyRequest Request() => ApiEvents.Build("POST", "/outreach/unsubscribe", Data(token), body, new Dictionary<string, string> { ["content-type"] = contentType }, base64);

        var first = await Invoke(sut, Request());
        var second = await Invoke(sut, Request());

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(200, response.StatusCode);
            Assert.Equal(string.Empty, response.Body);
            Assert.False(response.Headers!.ContainsKey("Location"));
            Assert.False(response.Headers.ContainsKey("Set-Cookie"));
        }

        Assert.False(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Outreach));
        Assert.True(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));
        var rows = _harness.Audit.Rows.Where(r => r.Action == AuditAction.Unsubscribe).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.Changed);
        Assert.All(rows, r => Assert.Equal(AuditSource.Post, r.Context.Source));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "List-Unsubscribe=Nope")]
    [InlineData("application/json", "{\"List-Unsubscribe\":\"One-Click\"}")]
    [InlineData("application/x-www-form-urlencoded", "")]
    public async Task Post_WithoutOneClickBody_Is400AndChangesNothing(string contentType, string body)
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);

        var response = await Invoke(Create(), ApiEvents.Build("POST", "/outreach/unsubscribe", Data(token), body, new Dictionary<string, string> { ["Content-Type"] = contentType }));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(_harness.Contacts["payee@example.com"]);
    }

    [Fact]
    public async Task Post_BadToken_Is400JsonWithoutStackTrace()
    {
        var response = await Invoke(Create(), ApiEvents.Build("POST", "/outreach/unsubscribe", Data("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "List-Unsubscribe=One-Click", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid_token", JsonDocument.Parse(response.Body!).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain(" at ", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KmsUnavailable_PostIs503WithRetryAfterAndGetRedirectsWithUnavailable()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);
        _harness.KeyWrapper.Down = true;
        var sut = Create();

        var post = await Invoke(sut, ApiEvents.Build("POST", "/outreach/unsubscribe", Data(token), "List-Unsubscribe=One-Click", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }));
        var get = await Invoke(sut, ApiEvents.Build("GET", "/outreach/unsubscribe", Data(token)));

        Assert.Equal(503, post.StatusCode);
        Assert.Equal("30", post.Headers!["Retry-After"]);
        Assert.Equal("unavailable", Parameters(new Uri(get.Headers!["Location"]).Query)["error"]);
        Assert.Null(_harness.Contacts["payee@example.com"]);
        Assert.Empty(_harness.Audit.Rows);
    }

    [Theory]
    [InlineData("PUT", "/financial/unsubscribe", 405)]
    [InlineData("GET", "/other/unsubscribe", 404)]
    public async Task OtherRoutesAndMethods_AreTypedErrors(string method, string resource, int status)
        => Assert.Equal(status, (await Invoke(Create(), ApiEvents.Build(method, resource))).StatusCode);

    // A one-click POST whose body API Gateway flags base64 but is not base64 is the caller's
    // error (400 with a JSON error), never an unhandled exception, and changes nothing.
    [Fact]
    public async Task Post_BodyFlaggedBase64ButNotBase64_Is400InvalidBodyEncoding()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);
        var request = ApiEvents.WithRawBody(
            ApiEvents.Build("POST", "/outreach/unsubscribe", Data(token), headers: new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }),
            "List-Unsubscribe=One-Click",
            isBase64Encoded: true);

        var response = await Invoke(Create(), request);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid_body_encoding", JsonDocument.Parse(response.Body!).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Null(_harness.Contacts["payee@example.com"]);
    }
}
