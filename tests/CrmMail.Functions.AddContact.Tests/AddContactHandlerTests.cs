using System.Text.Json;
using CrmMail.Functions.AddContact;
using CrmMail.TestSupport;
using CrmMail.Identity;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.AddContact.Tests;

public sealed class AddContactHandlerTests : IDisposable
{
    private readonly SubscriptionHarness _harness = new();
    private readonly FirebaseTestIssuer _issuer = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _issuer.Dispose();
        _http.Dispose();
    }

    private AddContactHandler Create(params string[] origins)
    {
        var firebase = new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(_http, _issuer.Url, _harness.Time), FirebaseTestIssuer.ProjectId, _harness.Time);
        var flow = new AddContactFlow(firebase, _harness.Services.Tokens, _harness.Services.Subscriptions, Topics.Financial);
        return new AddContactHandler(flow, _harness.Services.Hasher, origins, _harness.Time);
    }

    private static APIGatewayProxyRequest Post(string body, string? bearer = null, string? origin = null)
    {
        var headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        if (bearer is not null)
        {
            headers["Authorization"] = "Bearer " + bearer;
        }

        if (origin is not null)
        {
            headers["Origin"] = origin;
        }

        return ApiEvents.Build("POST", "/financial/add-contact", body: body, headers: headers);
    }

    private static JsonElement Json(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    private async Task UnsubscribeAll(string email) =>
        await _harness.Services.Subscriptions.UnsubscribeAsync(email, null, new AuditContext { EventId = "setup-" + email, Source = AuditSource.Get }, default);

    [Fact]
    public async Task FirebaseStaff_ResubscribesAnyContactWithActorInTheAudit()
    {
        await UnsubscribeAll("payee@example.com");

        var response = await Create().HandleAsync(Post("""{"email":"payee@example.com","topics":["financial","outreach"]}""", _issuer.Mint(now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        var json = Json(response);
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal("Resubscribed.", json.GetProperty("message").GetString());
        Assert.Equal("1.0", json.GetProperty("version").GetString());
        Assert.Equal("2026-11-23T12:00:00.000Z", json.GetProperty("timestamp").GetString());
        var contact = _harness.Contacts["payee@example.com"]!;
        Assert.True(contact.IsSubscribed(Topics.Financial));
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        var row = _harness.Audit.Rows.Single(r => r.Action == AuditAction.Resubscribe);
        Assert.Equal("firebase:uid-123", row.Context.Actor);
        Assert.Equal(AuditSource.AddContact, row.Context.Source);
    }

    // Rule: staff naming no topics resubscribe the deployment's default topic (financial here) and
    // nothing else: a contact who left the newsletter stays out of it.
    [Fact]
    public async Task FirebaseStaff_NoTopics_ResubscribesTheDefaultTopicOnly()
    {
        await UnsubscribeAll("payee@example.com");

        var response = await Create().HandleAsync(Post("""{"email":"payee@example.com"}""", _issuer.Mint(now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["financial"], Json(response).GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        var contact = _harness.Contacts["payee@example.com"]!;
        Assert.True(contact.IsSubscribed(Topics.Financial));
        Assert.False(contact.IsSubscribed(Topics.Outreach));
    }

    // Rule: a resubscribe that changes nothing says so ("Already subscribed.") and its audit row records no change.
    [Fact]
    public async Task FirebaseStaff_AlreadySubscribed_SaysSoAndAuditsNoChange()
    {
        await UnsubscribeAll("payee@example.com");
        var handler = Create();

        var first = await handler.HandleAsync(Post("""{"email":"payee@example.com","topics":["financial"]}""", _issuer.Mint(now: _harness.Time.GetUtcNow())), new TestLambdaContext());
        var second = await handler.HandleAsync(Post("""{"email":"payee@example.com","topics":["financial"]}""", _issuer.Mint(now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal("Resubscribed.", Json(first).GetProperty("message").GetString());
        Assert.Equal(200, second.StatusCode);
        Assert.Equal("Already subscribed.", Json(second).GetProperty("message").GetString());
        Assert.Equal([true, false], _harness.Audit.Rows.Where(r => r.Action == AuditAction.Resubscribe).OrderBy(r => r.Changed ? 0 : 1).Select(r => r.Changed));
    }

    [Fact]
    public async Task FirebaseWithUnverifiedEmail_Is403()
    {
        var response = await Create().HandleAsync(Post("""{"email":"payee@example.com"}""", _issuer.Mint(c => c["email_verified"] = false, now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("email_not_verified", Json(response).GetProperty("code").GetString());
        Assert.False(Json(response).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task InvalidFirebaseToken_Is401WithWwwAuthenticate()
    {
        var response = await Create().HandleAsync(Post("""{"email":"payee@example.com"}""", _issuer.Mint(c => c["aud"] = "other", now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.Headers!["WWW-Authenticate"]);
    }

    [Fact]
    public async Task OwnResubscribeToken_ResubscribesOnlyItsTopic()
    {
        await UnsubscribeAll("payee@example.com");
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach, TokenPurpose.Resubscribe);

        var response = await Create().HandleAsync(Post($$"""{"email":"payee@example.com","token":"{{token}}"}"""), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["outreach"], Json(response).GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        var contact = _harness.Contacts["payee@example.com"]!;
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.Equal("token", _harness.Audit.Rows.Single(r => r.Action == AuditAction.Resubscribe).Context.Actor);
    }

    // Rule: a resubscribe token sealed for another spelling of the address (as old tokens were)
    // is valid for the address in any case and acts on the canonical contact.
    [Fact]
    public async Task ResubscribeTokenForAnotherSpellingOfTheAddress_ResubscribesTheCanonicalContact()
    {
        await UnsubscribeAll("payee@example.com");
        var token = await _harness.TokenAsync("Payee@Example.COM", Topics.Outreach, TokenPurpose.Resubscribe);

        var response = await Create().HandleAsync(Post($$"""{"email":"PAYEE@example.com","token":"{{token}}"}"""), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        Assert.True(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Outreach));
        Assert.Null(_harness.Contacts["PAYEE@example.com"]);
    }

    [Theory]
    [InlineData("""{"email":"someone.else@example.com","token":"TOKEN"}""")]
    [InlineData("""{"email":"payee@example.com","topics":["financial"],"token":"TOKEN"}""")]
    // Its own topic beside another: the token reaches no topic but its own (every listed topic must be the token's).
    [InlineData("""{"email":"payee@example.com","topics":["outreach","financial"],"token":"TOKEN"}""")]
    public async Task ResubscribeTokenForAnotherAddressOrTopic_Is403(string body)
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach, TokenPurpose.Resubscribe);

        var response = await Create().HandleAsync(Post(body.Replace("TOKEN", token, StringComparison.Ordinal)), new TestLambdaContext());

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("token_scope", Json(response).GetProperty("code").GetString());
    }

    // Rule: a resubscribe to several topics is done only when EVERY topic is subscribed: a contact
    // opted out of one topic only (not of everything) is resubscribed to it, and the answer says it changed.
    [Fact]
    public async Task FirebaseStaff_ContactOptedOutOfOneTopic_ResubscribesThatTopic()
    {
        await _harness.Services.Subscriptions.UnsubscribeAsync("payee@example.com", Topics.Outreach, new AuditContext { EventId = "setup-one", Source = AuditSource.Get }, default);
        Assert.True(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));

        var response = await Create().HandleAsync(Post("""{"email":"payee@example.com","topics":["financial","outreach"]}""", _issuer.Mint(now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Resubscribed.", Json(response).GetProperty("message").GetString());
        Assert.True(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Outreach));
    }

    // Rule: an expired resubscribe token is 401 token_expired (the page offers a fresh link), a forged one 401 invalid_token; neither resubscribes.
    [Fact]
    public async Task ResubscribeTokenExpiredOrForged_Is401WithItsReason()
    {
        await UnsubscribeAll("payee@example.com");
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach, TokenPurpose.Resubscribe);
        var forged = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];

        var invalid = await Create().HandleAsync(Post($$"""{"email":"payee@example.com","token":"{{forged}}"}"""), new TestLambdaContext());
        _harness.Time.Advance(TimeSpan.FromDays(31));
        var expired = await Create().HandleAsync(Post($$"""{"email":"payee@example.com","token":"{{token}}"}"""), new TestLambdaContext());

        Assert.Equal(401, invalid.StatusCode);
        Assert.Equal("invalid_token", Json(invalid).GetProperty("code").GetString());
        Assert.Equal(401, expired.StatusCode);
        Assert.Equal("token_expired", Json(expired).GetProperty("code").GetString());
        Assert.False(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Outreach));
    }

    [Fact]
    public async Task UnsubscribeTokenInsteadOfResubscribeToken_Is401()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach, TokenPurpose.Unsubscribe);

        var response = await Create().HandleAsync(Post($$"""{"email":"payee@example.com","token":"{{token}}"}"""), new TestLambdaContext());

        Assert.Equal(401, response.StatusCode);
    }

    [Theory]
    [InlineData("not json", "invalid_json")]
    [InlineData("[]", "invalid_json")]
    [InlineData("""{"email":"not-an-address"}""", "invalid_email")]
    [InlineData("""{"email":"a@example.com","topics":["sports"]}""", "invalid_topics")]
    [InlineData("""{"email":"a@example.com","topics":[]}""", "invalid_topics")]
    // One unknown topic among known ones refuses the whole request (every topic must be known).
    [InlineData("""{"email":"a@example.com","topics":["financial","sports"]}""", "invalid_topics")]
    public async Task BadBody_Is400(string body, string code)
    {
        var response = await Create().HandleAsync(Post(body, _issuer.Mint(now: _harness.Time.GetUtcNow())), new TestLambdaContext());

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(code, Json(response).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null, "missing_credentials")]
    [InlineData("Basic abc", "invalid_credentials")]
    public async Task MissingOrNonBearerCredentials_Is401(string? authorization, string code)
    {
        var request = Post("""{"email":"payee@example.com"}""");
        if (authorization is not null)
        {
            request.Headers!["Authorization"] = authorization;
        }

        var response = await Create().HandleAsync(request, new TestLambdaContext());

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(code, Json(response).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cors_AllowedOriginGetsHeadersOnEveryResponseOthersDoNot()
    {
        var sut = Create("https://crm.example.com");

        var allowed = await sut.HandleAsync(Post("bad", origin: "https://crm.example.com"), new TestLambdaContext());
        var preflight = await sut.HandleAsync(ApiEvents.Build("OPTIONS", "/financial/add-contact", headers: new Dictionary<string, string> { ["Origin"] = "https://crm.example.com" }), new TestLambdaContext());
        var other = await sut.HandleAsync(Post("bad", origin: "https://evil.example.net"), new TestLambdaContext());

        Assert.Equal("https://crm.example.com", allowed.Headers!["Access-Control-Allow-Origin"]);
        Assert.Equal(204, preflight.StatusCode);
        Assert.Equal("Authorization, Content-Type", preflight.Headers!["Access-Control-Allow-Headers"]);
        Assert.False(other.Headers!.ContainsKey("Access-Control-Allow-Origin"));
    }

    // A body flagged base64 that is not base64 is 400 with the shared code, in this API's reply shape.
    [Fact]
    public async Task Post_BodyFlaggedBase64ButNotBase64_Is400InvalidBodyEncoding()
    {
        var request = ApiEvents.WithRawBody(Post("{}"), "{\"email\":\"payee@example.com\"}", isBase64Encoded: true);

        var response = await Create().HandleAsync(request, new TestLambdaContext());

        Assert.Equal(400, response.StatusCode);
        var json = Json(response);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("invalid_body_encoding", json.GetProperty("code").GetString());
    }
}
