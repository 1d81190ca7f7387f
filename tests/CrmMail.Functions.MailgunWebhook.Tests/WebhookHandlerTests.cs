using System.Globalization;
using System.Text.Json;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.Lambda.TestUtilities;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailgunWebhook.Tests;

public class WebhookHandlerTests
{
    private readonly WebhookHarness _sut = new();

    private static JsonElement Json(CrmMail.Lambda.APIGatewayEvents.APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement;

    [Fact]
    public async Task Unsubscribed_OptsTheTaggedTopicOutAndStoresTheEvent()
    {
        var response = await _sut.PostAsync(_sut.Json("unsubscribed", "ev-1", tags: ["Statements_2025-08", "financial", "stream:financial"]));

        Assert.Equal(200, response.StatusCode);
        var json = Json(response);
        Assert.True(json.GetProperty("success").GetBoolean());
        Assert.Equal("ev-1", json.GetProperty("eventId").GetString());
        Assert.Equal("unsubscribed", json.GetProperty("eventType").GetString());
        Assert.Equal("1.0", json.GetProperty("version").GetString());
        var contact = _sut.Subscriptions.Contacts["payee@example.com"]!;
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        var row = _sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(AuditSource.Webhook, row.Context.Source);
        Assert.Equal("mailgun:ev-1", row.Context.EventId);
        var stored = _sut.Events.Events["ev-1"];
        Assert.Equal(_sut.Subscriptions.Services.Hasher.Hash("payee@example.com"), stored.RecipientHash);
        Assert.Equal("20261123.abc@mg.example.com", stored.Event.MessageId);
        Assert.Equal(550, stored.Event.DeliveryCode);
    }

    [Theory]
    [InlineData("complained", null, true)]
    [InlineData("failed", "permanent", true)]
    [InlineData("failed", "temporary", false)]
    [InlineData("delivered", null, false)]
    [InlineData("opened", null, false)]
    public async Task EventTypes_HaveTheirEffect(string type, string? severity, bool unsubscribesAll)
    {
        var response = await _sut.PostAsync(_sut.Json(type, "ev-" + type + severity, severity: severity));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(unsubscribesAll, _sut.Subscriptions.Contacts["payee@example.com"]?.UnsubscribeAll ?? false);
        Assert.True(_sut.Events.Events.ContainsKey("ev-" + type + severity));
        if (unsubscribesAll)
        {
            Assert.Equal(type == "failed" ? "bounce" : "complaint", _sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!["reason"]);
        }
    }

    [Fact]
    public async Task BadSignature_Is401AndChangesNothing()
    {
        var response = await _sut.PostAsync(_sut.Json("complained", "ev-1", signature: new string('0', 64)));

        Assert.Equal(401, response.StatusCode);
        Assert.Null(_sut.Subscriptions.Contacts["payee@example.com"]);
        Assert.Empty(_sut.Events.Events);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task StaleOrFutureTimestamp_Is401(int offset)
    {
        var response = await _sut.PostAsync(_sut.Json("complained", "ev-1", timestamp: _sut.Now + offset));

        Assert.Equal(401, response.StatusCode);
        Assert.Contains("timestamp", Json(response).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedToken_Is401()
    {
        var body = _sut.Json("delivered", "ev-1", token: "tok-replay-0123456789012345678901234567890123456789");

        var first = await _sut.PostAsync(body);
        var replay = await _sut.PostAsync(body);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(401, replay.StatusCode);
    }

    [Fact]
    public async Task DuplicateEventWithAFreshToken_Is200AlreadyProcessedWithoutReprocessing()
    {
        await _sut.PostAsync(_sut.Json("unsubscribed", "ev-dup"));
        var rows = _sut.Subscriptions.Audit.Rows.Count;

        var response = await _sut.PostAsync(_sut.Json("unsubscribed", "ev-dup"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("Event already processed.", Json(response).GetProperty("message").GetString());
        Assert.Equal(rows, _sut.Subscriptions.Audit.Rows.Count);
    }

    [Fact]
    public async Task UrlEncodedForm_IsAccepted()
    {
        var ts = _sut.Now.ToString(CultureInfo.InvariantCulture);
        var token = "form-token-0123456789012345678901234567890123456789";
        var body = $"timestamp={ts}&token={token}&signature={WebhookHarness.Sign(ts, token)}&event=unsubscribed&recipient=payee%40example.com&tag=stream%3Aoutreach";

        var response = await _sut.PostAsync(body, "application/x-www-form-urlencoded");

        Assert.Equal(200, response.StatusCode);
        Assert.False(_sut.Subscriptions.Contacts["payee@example.com"]!.IsSubscribed(Topics.Outreach));
        Assert.True(_sut.Subscriptions.Contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));
    }

    [Fact]
    public async Task MultipartForm_IsAccepted()
    {
        var ts = _sut.Now.ToString(CultureInfo.InvariantCulture);
        var token = "multipart-token-01234567890123456789012345678901234567";
        string Part(string name, string value) => $"--b1\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";
        var body = Part("timestamp", ts) + Part("token", token) + Part("signature", WebhookHarness.Sign(ts, token)) + Part("event", "complained") + Part("recipient", "payee@example.com") + "--b1--\r\n";

        var response = await _sut.PostAsync(body, "multipart/form-data; boundary=b1");

        Assert.Equal(200, response.StatusCode);
        Assert.True(_sut.Subscriptions.Contacts["payee@example.com"]!.UnsubscribeAll);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"signature\":{}}")]
    [InlineData("{\"event-data\":{\"id\":\"x\",\"event\":\"delivered\"}}")]
    [InlineData("[]")]
    public async Task NeverValidBody_Is406(string body)
        => Assert.Equal(406, (await _sut.PostAsync(body)).StatusCode);

    [Fact]
    public async Task TransientFailure_Is503AndTheRetryIsAccepted()
    {
        var body = _sut.Json("complained", "ev-retry", token: "retry-token-0123456789012345678901234567890123456789");
        _sut.Events.Down = true;

        var failed = await _sut.PostAsync(body);
        _sut.Events.Down = false;
        var retried = await _sut.PostAsync(body);

        Assert.Equal(503, failed.StatusCode);
        Assert.Equal(200, retried.StatusCode);
        Assert.True(_sut.Subscriptions.Contacts["payee@example.com"]!.UnsubscribeAll);
    }

    // A body flagged base64 that is not base64 is 400 with a JSON reply, not a 406 or an exception.
    [Fact]
    public async Task Post_BodyFlaggedBase64ButNotBase64_Is400()
    {
        var request = ApiEvents.WithRawBody(
            ApiEvents.Build("POST", "/outreach/webhook", headers: new Dictionary<string, string> { ["Content-Type"] = "application/json" }),
            _sut.Json("unsubscribed", "ev-b64"),
            isBase64Encoded: true);

        var response = await _sut.Handler.HandleAsync(request, new TestLambdaContext());

        Assert.Equal(400, response.StatusCode);
        Assert.False(Json(response).GetProperty("success").GetBoolean());
        Assert.Empty(_sut.Events.Events);
    }
}
