using System.Text.Json;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Mail.Templates;
using CrmMail.Routes;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;

namespace CrmMail.Functions.OutreachSend.Tests;

public sealed class OutreachSendHandlerTests : IDisposable
{
    private const string EmailBody = """
        {"to":["lead@example.com","other@example.com"],"subject":"Welcome","html":"<h1>Welcome!</h1>","text":"Welcome!",
         "from":"noreply@example.com","tags":["welcome","onboarding"],"customVariables":{"campaign_week":"w42"},
         "trackingSettings":{"opens":true,"clicks":false,"unsubscribes":true}}
        """;

    private readonly OutreachSendHarness _harness = new(origins: "https://crm.example.com");

    public void Dispose() => _harness.Dispose();

    private static APIGatewayProxyRequest Post(string path, string body, string? bearer, string? origin = null)
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

        return ApiEvents.Build("POST", path, body: body, headers: headers);
    }

    private Task<APIGatewayProxyResponse> SendAsync(string body, string? bearer, string path = OutreachPaths.SendEmail, OutreachSendHandler? handler = null)
        => (handler ?? _harness.Handler).HandleAsync(Post(path, body, bearer), new TestLambdaContext());

    private static JsonElement Json(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    // Rule: send-email answers the CRM's EmailResponse and each recipient gets the outreach footer and RFC 8058 headers with its own token.
    [Fact]
    public async Task SendEmail_VerifiedStaff_SendsEveryRecipientWithFooterAndListUnsubscribe()
    {
        var response = await SendAsync(EmailBody, _harness.Token());

        Assert.True(response.StatusCode == 200, response.Body);
        var json = Json(response);
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal("Email sent successfully", json.GetProperty("message").GetString());
        var messageId = json.GetProperty("messageId").GetString();
        Assert.StartsWith("msg-", messageId, StringComparison.Ordinal);
        Assert.Equal(messageId, json.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("1.0.0", json.GetProperty("version").GetString());
        Assert.Equal("2026-11-23T12:00:00.000Z", json.GetProperty("timestamp").GetString());
        Assert.Equal(2, _harness.Transport.Sent.Count);
        var message = _harness.Transport.Sent.Single(m => m.To == "other@example.com");
        Assert.Equal(Topics.Outreach, message.Topic);
        var listUnsubscribe = message.Headers.Single(h => h.Name == "List-Unsubscribe").Value;
        Assert.StartsWith("<https://api.example.com/prod/outreach/unsubscribe?data=", listUnsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers.Single(h => h.Name == "List-Unsubscribe-Post").Value);
        Assert.StartsWith("<h1>Welcome!</h1>", message.Html, StringComparison.Ordinal);
        Assert.Contains("/outreach/unsubscribe?data=", message.Html, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: https://api.example.com/prod/outreach/unsubscribe?data=", message.Text, StringComparison.Ordinal);
        Assert.Equal([new("campaign_week", "w42")], message.Variables);
        Assert.Equal(new Mail.Composition.MailTracking(true, false), message.Tracking);
        Assert.Contains(message.Tags, t => t.Name == "campaign" && t.Value == "welcome");
    }

    // Rule: a recipient who opted out of the outreach topic is suppressed (and audited) by the same gate send-mail uses.
    [Fact]
    public async Task SendEmail_RecipientUnsubscribedFromOutreach_IsSuppressedAndAudited()
    {
        await _harness.Subscriptions.Services.Subscriptions.UnsubscribeAsync("lead@example.com", Topics.Outreach, new AuditContext { EventId = "setup", Source = AuditSource.Get }, default);

        var response = await SendAsync(EmailBody, _harness.Token());

        Assert.Equal(200, response.StatusCode);
        var results = Json(response).GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("email").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("suppressed", results["lead@example.com"]);
        Assert.Equal("sent", results["other@example.com"]);
        Assert.DoesNotContain(_harness.Transport.Sent, m => m.To == "lead@example.com");
        var suppress = Assert.Single(_harness.Subscriptions.Audit.Rows, r => r.Action == AuditAction.Suppress);
        Assert.Equal("firebase:uid-123", suppress.Context.Actor);
    }

    // Rule: no token is 401 with WWW-Authenticate: Bearer, in the CRM's ErrorResponse shape.
    [Fact]
    public async Task SendEmail_WithoutToken_Is401WithWwwAuthenticate()
    {
        var response = await SendAsync(EmailBody, bearer: null);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.Headers!["WWW-Authenticate"]);
        var json = Json(response);
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("Authorization token is required.", json.GetProperty("error").GetString());
        Assert.Equal("missing_token", json.GetProperty("code").GetString());
        Assert.Equal("1.0.0", json.GetProperty("version").GetString());
        Assert.Empty(_harness.Transport.Sent);
    }

    // Rule: a token for another Firebase project is 401, nothing sent.
    [Fact]
    public async Task SendEmail_InvalidToken_Is401()
    {
        var response = await SendAsync(EmailBody, _harness.Token(c => c["aud"] = "another-project"));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.Headers!["WWW-Authenticate"]);
        Assert.Equal("invalid_token", Json(response).GetProperty("code").GetString());
    }

    // Rule: an unverified email is 403.
    [Fact]
    public async Task SendEmail_EmailNotVerified_Is403()
    {
        var response = await SendAsync(EmailBody, _harness.Token(c => c["email_verified"] = false));

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("Email verification required for outreach operations.", Json(response).GetProperty("error").GetString());
    }

    // Rule: with OUTREACH_REQUIRED_CLAIM set, a token without that claim value is 403 and one with it (string or array) is served.
    [Fact]
    public async Task SendEmail_RequiredClaim_MissingIs403PresentIsServed()
    {
        using var harness = new OutreachSendHarness(requiredClaim: "role=outreach");

        var without = await SendAsync(EmailBody, harness.Token(), handler: harness.Handler);
        var wrong = await SendAsync(EmailBody, harness.Token(c => c["role"] = "finance"), handler: harness.Handler);
        var withString = await SendAsync(EmailBody, harness.Token(c => c["role"] = "outreach"), handler: harness.Handler);
        var withArray = await SendAsync(EmailBody, harness.Token(c => c["role"] = new[] { "finance", "outreach" }), handler: harness.Handler);

        Assert.Equal(403, without.StatusCode);
        Assert.Equal("insufficient_permissions", Json(without).GetProperty("code").GetString());
        Assert.Equal(403, wrong.StatusCode);
        Assert.Equal(200, withString.StatusCode);
        Assert.Equal(200, withArray.StatusCode);
    }

    // Rule: the 26th request of a uid on a route within a minute is 429 with Retry-After and the limit headers; the other route has its own allowance.
    [Fact]
    public async Task SendEmail_PastTheLimit_Is429WithRetryAfterAndLimitHeaders()
    {
        var token = _harness.Token();
        APIGatewayProxyResponse last = null!;
        for (var i = 0; i < 25; i++)
        {
            last = await SendAsync(EmailBody, token);
        }

        var limited = await SendAsync(EmailBody, token);
        var otherRoute = await SendAsync("""{"to":"lead@example.com","template":"missing"}""", token, OutreachPaths.SendTemplateEmail);

        Assert.Equal(200, last.StatusCode);
        Assert.Equal("0", last.Headers!["X-RateLimit-Remaining"]);
        Assert.Equal(429, limited.StatusCode);
        Assert.Equal("60", limited.Headers!["Retry-After"]);
        Assert.Equal("25", limited.Headers["X-RateLimit-Limit"]);
        Assert.Equal("0", limited.Headers["X-RateLimit-Remaining"]);
        Assert.Equal(_harness.Subscriptions.Time.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Headers["X-RateLimit-Reset"]);
        Assert.Equal("Too many requests from this user.", Json(limited).GetProperty("error").GetString());
        Assert.Equal(50, _harness.Transport.Sent.Count);
        Assert.Equal("24", otherRoute.Headers!["X-RateLimit-Remaining"]);
    }

    // Rule: a rate-limit store outage is 503 with Retry-After (fail closed), never an unlimited send.
    [Fact]
    public async Task SendEmail_RateLimitStoreDown_Is503AndNothingSent()
    {
        _harness.RateLimits.Down = true;

        var response = await SendAsync(EmailBody, _harness.Token());

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("30", response.Headers!["Retry-After"]);
        Assert.Empty(_harness.Transport.Sent);
    }

    // Rule: neither html nor text is 400 with the CRM's message, naming the field.
    [Fact]
    public async Task SendEmail_NeitherHtmlNorText_Is400NamingTheField()
    {
        var response = await SendAsync("""{"to":"lead@example.com","subject":"Hi"}""", _harness.Token());

        Assert.Equal(400, response.StatusCode);
        var json = Json(response);
        Assert.Equal("validation_failed", json.GetProperty("code").GetString());
        Assert.Contains("Either text or html content is required", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "html");
    }

    // Rule: a custom variable holding an address or a token never reaches the provider: 400 naming the key.
    [Theory]
    [InlineData("""{"who":"lead@example.com"}""")]
    [InlineData("""{"who":"https://api.example.com/prod/outreach/unsubscribe?data=abc"}""")]
    [InlineData("""{"who":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    public async Task SendEmail_CustomVariableWithAddressOrToken_Is400NamingIt(string variables)
    {
        var response = await SendAsync($$"""{"to":"lead@example.com","subject":"Hi","text":"Hi","customVariables":{{variables}}}""", _harness.Token());

        Assert.Equal(400, response.StatusCode);
        Assert.Contains(Json(response).GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "customVariables.who");
        Assert.Empty(_harness.Transport.Sent);
    }

    // Rule: custom variables are bounded: key count, key syntax and value size.
    [Fact]
    public async Task SendEmail_CustomVariablesOutOfBounds_Is400()
    {
        var tooMany = "{" + string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"k{i}\":\"v\"")) + "}";
        foreach (var variables in new[] { tooMany, """{"bad key":"v"}""", "{\"k\":\"" + new string('x', 257) + "\"}", """{"k":{"nested":1}}""" })
        {
            var response = await SendAsync($$"""{"to":"lead@example.com","subject":"Hi","text":"Hi","customVariables":{{variables}}}""", _harness.Token());

            Assert.True(response.StatusCode == 400, variables);
        }
    }

    // Rule: a string "to" is one recipient; duplicates in a list are sent once; over OUTREACH_MAX_RECIPIENTS is 400.
    [Fact]
    public async Task SendEmail_Recipients_StringListAndLimit()
    {
        var single = await SendAsync("""{"to":"lead@example.com","subject":"Hi","text":"Hi"}""", _harness.Token());
        var tooMany = await SendAsync("""{"to":["a@example.com","b@example.com","c@example.com","d@example.com","e@example.com","f@example.com"],"subject":"Hi","text":"Hi"}""", _harness.Token());

        Assert.Equal(200, single.StatusCode);
        Assert.Single(_harness.Transport.Sent);
        Assert.Equal(400, tooMany.StatusCode);
    }

    // Rule: a template's variables are inserted HTML-escaped into html, as given into text and subject; footer and headers follow.
    [Fact]
    public async Task SendTemplateEmail_RendersVariablesEscapedInHtml()
    {
        await _harness.Templates.PutAsync(new EmailTemplate("welcome-template", "Welcome {{user_name}}", "<p>Hi {{ user_name }}, {{{company_name}}}</p>", "Hi {{user_name}} of {{company_name}}"), default);

        var response = await SendAsync(
            """{"to":["user@example.com"],"template":"welcome-template","templateVariables":{"user_name":"<script>x</script>","company_name":"A&B"}}""",
            _harness.Token(),
            OutreachPaths.SendTemplateEmail);

        Assert.True(response.StatusCode == 200, response.Body);
        Assert.Equal("Template email sent successfully", Json(response).GetProperty("message").GetString());
        var message = Assert.Single(_harness.Transport.Sent);
        Assert.Equal("Welcome <script>x</script>", message.Subject);
        Assert.StartsWith("<p>Hi &lt;script&gt;x&lt;/script&gt;, A&amp;B</p>", message.Html, StringComparison.Ordinal);
        Assert.StartsWith("Hi <script>x</script> of A&B", message.Text, StringComparison.Ordinal);
        Assert.Contains("/outreach/unsubscribe?data=", message.Html, StringComparison.Ordinal);
        Assert.Contains(message.Headers, h => h.Name == "List-Unsubscribe");
        // Rule: template variables are rendered here, never handed to the provider.
        Assert.Empty(message.Variables);
    }

    // Rule: missing and unknown template variables are a 400 naming each of them; nothing is sent.
    [Fact]
    public async Task SendTemplateEmail_MissingAndUnknownVariables_Is400NamingThem()
    {
        await _harness.Templates.PutAsync(new EmailTemplate("welcome-template", "Welcome", "<p>{{user_name}} {{activation_link}}</p>", null), default);

        var response = await SendAsync(
            """{"to":"user@example.com","template":"welcome-template","templateVariables":{"user_name":"Jo","colour":"red"}}""",
            _harness.Token(),
            OutreachPaths.SendTemplateEmail);

        Assert.Equal(400, response.StatusCode);
        var json = Json(response);
        Assert.Equal("template_variables_invalid", json.GetProperty("code").GetString());
        var fields = json.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Equal(["templateVariables.activation_link", "templateVariables.colour"], fields);
        Assert.Contains("activation_link", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(_harness.Transport.Sent);
    }

    // Rule: an unknown template is 400 naming it; a block helper the renderer cannot honour is 400 too.
    [Fact]
    public async Task SendTemplateEmail_UnknownOrUnsupportedTemplate_Is400()
    {
        await _harness.Templates.PutAsync(new EmailTemplate("blocks", "S", "{{#if vip}}VIP{{/if}}", null), default);

        var unknown = await SendAsync("""{"to":"user@example.com","template":"nope"}""", _harness.Token(), OutreachPaths.SendTemplateEmail);
        var blocks = await SendAsync("""{"to":"user@example.com","template":"blocks"}""", _harness.Token(), OutreachPaths.SendTemplateEmail);

        Assert.Equal(400, unknown.StatusCode);
        Assert.Equal("template_not_found", Json(unknown).GetProperty("code").GetString());
        Assert.Equal(400, blocks.StatusCode);
        Assert.Contains(Json(blocks).GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "template");
    }

    // Rule: the preflight from an allowed origin is answered with the CRM's CORS rules; other origins get no CORS headers.
    [Fact]
    public async Task Options_FromAllowedOrigin_AnswersThePreflight()
    {
        var preflight = await _harness.Handler.HandleAsync(ApiEvents.Build("OPTIONS", OutreachPaths.SendEmail, headers: new Dictionary<string, string> { ["Origin"] = "https://crm.example.com" }), new TestLambdaContext());
        var stranger = await _harness.Handler.HandleAsync(ApiEvents.Build("OPTIONS", OutreachPaths.SendTemplateEmail, headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example.com" }), new TestLambdaContext());

        Assert.Equal(204, preflight.StatusCode);
        Assert.Equal("https://crm.example.com", preflight.Headers!["Access-Control-Allow-Origin"]);
        Assert.Equal("true", preflight.Headers["Access-Control-Allow-Credentials"]);
        Assert.Contains("Authorization", preflight.Headers["Access-Control-Allow-Headers"], StringComparison.Ordinal);
        Assert.Equal("86400", preflight.Headers["Access-Control-Max-Age"]);
        Assert.Contains("X-RateLimit-Remaining", preflight.Headers["Access-Control-Expose-Headers"], StringComparison.Ordinal);
        Assert.False(stranger.Headers!.ContainsKey("Access-Control-Allow-Origin"));
    }

    // Rule: an error answer carries CORS headers too, so the browser can read it.
    [Fact]
    public async Task SendEmail_ErrorFromAllowedOrigin_CarriesCors()
    {
        var response = await _harness.Handler.HandleAsync(Post(OutreachPaths.SendEmail, EmailBody, bearer: null, origin: "https://crm.example.com"), new TestLambdaContext());

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("https://crm.example.com", response.Headers!["Access-Control-Allow-Origin"]);
    }
}
