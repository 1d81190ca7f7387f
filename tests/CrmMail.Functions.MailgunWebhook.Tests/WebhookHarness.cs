using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmMail.Functions.MailgunWebhook;
using CrmMail.Inbound.Mailgun;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>The webhook handler over in-memory stores, and payloads signed in the test.</summary>
internal sealed class WebhookHarness
{
    public static readonly byte[] Key = Encoding.UTF8.GetBytes("key-test-webhook-signing-0123456789");

    public WebhookHarness()
    {
        Replay = new InMemoryReplayGuard(Subscriptions.Time);
        var flow = new MailgunWebhookFlow(new MailgunSignatureVerifier(Key, Subscriptions.Time, TimeSpan.FromSeconds(300)), Replay, Events, Subscriptions.Services.Subscriptions, Subscriptions.Services.Hasher, Counters);
        Handler = new WebhookHandler(flow, Subscriptions.Time);
    }

    public SubscriptionHarness Subscriptions { get; } = new();

    public InMemoryReplayGuard Replay { get; }

    public InMemoryEventStore Events { get; } = new();

    public InMemoryDeliveryEvents Counters { get; } = new();

    public WebhookHandler Handler { get; }

    public long Now => Subscriptions.Time.GetUtcNow().ToUnixTimeSeconds();

    public static string Sign(string timestamp, string token)
        => Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(timestamp + token)));

    public string Json(string eventType, string eventId, string recipient = "payee@example.com", string? severity = null, string[]? tags = null, long? timestamp = null, string? token = null, string? signature = null)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        token ??= Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N")[..18];
        signature ??= Sign(ts, token);
        var tagJson = string.Join(',', (tags ?? ["financial", "stream:financial"]).Select(t => $"\"{t}\""));
        var severityJson = severity is null ? string.Empty : $",\"severity\":\"{severity}\"";
        return $$$$"""
            {"signature":{"timestamp":"{{{{ts}}}}","token":"{{{{token}}}}","signature":"{{{{signature}}}}"},
             "event-data":{"id":"{{{{eventId}}}}","event":"{{{{eventType}}}}","timestamp":{{{{ts}}}}.25,"recipient":"{{{{recipient}}}}"{{{{severityJson}}}},"tags":[{{{{tagJson}}}}],
               "message":{"headers":{"message-id":"20261123.abc@mg.example.com"}},"delivery-status":{"code":550,"message":"mailbox unavailable"}}}
            """;
    }

    public Task<APIGatewayProxyResponse> PostAsync(string body, string contentType = "application/json")
        => Handler.HandleAsync(ApiEvents.Build("POST", "/outreach/webhook", body: body, headers: new Dictionary<string, string> { ["Content-Type"] = contentType }), new TestLambdaContext());
}
