using System.Text.Json;
using System.Web;
using CrmMail.Campaigns;
using CrmMail.Functions.SendMail.Tests;
using CrmMail.Inbound.Mailgun;
using CrmMail.Kernel.Resilience;
using CrmMail.Lambda.SQSEvents;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.CampaignSender.Tests;

/// <summary>
/// The sender over send-mail's <see cref="MailgunTransport"/>, built from the settings it loads
/// with MAIL_TRANSPORT=mailgun, against a loopback listener standing in for Mailgun's API.
/// </summary>
public sealed class CampaignSenderMailgunTests
{
    // No waiting between attempts and no retry inside the transport: each answer of the stand-in
    // reaches the sender as it is (the retries are MailgunTransportTests').
    private static readonly DependencyPolicy OneAttempt = DependencyPolicy.Default with { MaxRetries = 0 };

    private static CampaignSenderHarness Harness(MailgunStandIn mailgun) => new(
        settings => new MailgunTransport(new HttpClient(), settings.Mailgun!.Options, _ => Task.FromResult("key-1"), OneAttempt),
        new Dictionary<string, string>
        {
            ["MAIL_TRANSPORT"] = "mailgun",
            ["MAILGUN_DOMAIN"] = "mg.example.com",
            ["MAILGUN_BASE_URL"] = mailgun.Url.ToString().TrimEnd('/'),
            ["MAILGUN_API_KEY_SECRET"] = "mailgun-key",
        });

    private static async Task<SQSMessage> PlannedAsync(CampaignSenderHarness harness, params string[] recipients)
    {
        await harness.CreateAsync("c1", recipients);
        await harness.Planner.RunAsync("c1", default);
        return new SQSMessage { MessageId = "m1", Body = JsonSerializer.Serialize(harness.Queued[0], CampaignJsonContext.Default.CampaignBatch) };
    }

    private static List<(string Name, string Value)> Fields(string body)
        => [.. body.Split('&').Select(p => p.Split('=', 2)).Select(p => (HttpUtility.UrlDecode(p[0]), HttpUtility.UrlDecode(p[1])))];

    // Rule: Mailgun's 429 returns the recipient to the queue as SES throttling does: the message
    // is handed back, nothing is recorded as failed, and the redelivery sends it exactly once.
    [Fact]
    public async Task Sender_MailgunThrottles_HandsBackAndTheRedeliverySendsOnce()
    {
        using var mailgun = new MailgunStandIn(429);
        using var harness = Harness(mailgun);
        var message = await PlannedAsync(harness, "a@example.com");

        var throttled = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext { AwsRequestId = "inv-1" });

        Assert.Equal(["m1"], throttled.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.False(harness.Store.Rows.TryGetValue(("c1", 0), out _));
        Assert.Equal(0, (await harness.Store.GetAsync("c1", default))!.Counts.Failed);

        var redelivered = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext { AwsRequestId = "inv-2" });
        var again = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext { AwsRequestId = "inv-3" });

        Assert.Empty(redelivered.BatchItemFailures);
        Assert.Empty(again.BatchItemFailures);
        Assert.Equal(2, mailgun.Requests.Count);
        Assert.Equal(RecipientStatus.Sent, harness.Store.Rows[("c1", 0)].Status);
        Assert.Equal(1, (await harness.Store.GetAsync("c1", default))!.Counts.Sent);
    }

    // Rule: Mailgun's 5xx is transient like SES's: handed back, nothing recorded as failed.
    [Fact]
    public async Task Sender_MailgunServerError_HandsBackWithoutFailing()
    {
        using var mailgun = new MailgunStandIn(503);
        using var harness = Harness(mailgun);
        var message = await PlannedAsync(harness, "a@example.com");

        var response = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext());

        Assert.Equal(["m1"], response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.False(harness.Store.Rows.TryGetValue(("c1", 0), out _));
    }

    // Rule: a 4xx other than 429 is this recipient's permanent failure, recorded with its reason
    // (the short code, never Mailgun's text), and the message is acknowledged, not retried.
    [Fact]
    public async Task Sender_MailgunRefuses_RecordsAPermanentFailureWithItsReason()
    {
        using var mailgun = new MailgunStandIn(400);
        using var harness = Harness(mailgun);
        var message = await PlannedAsync(harness, "a@example.com", "b@example.com");

        var response = await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext());

        Assert.Empty(response.BatchItemFailures);
        var failed = Assert.Single(harness.Store.Rows.Values, r => r.Status == RecipientStatus.Failed);
        Assert.Equal("transport_rejected", failed.ErrorCode);
        var campaign = (await harness.Store.GetAsync("c1", default))!;
        Assert.Equal(1, campaign.Counts.Failed);
        Assert.Equal(1, campaign.Counts.Sent);
    }

    // Rule: an accepted send records Mailgun's message id (what its webhooks name the message by).
    [Fact]
    public async Task Sender_MailgunAccepts_RecordsItsMessageId()
    {
        using var mailgun = new MailgunStandIn(200);
        using var harness = Harness(mailgun);
        var message = await PlannedAsync(harness, "a@example.com");

        await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext());

        var row = harness.Store.Rows[("c1", 0)];
        Assert.Equal(RecipientStatus.Sent, row.Status);
        Assert.Matches("^<[0-9a-f]{32}@mg\\.example\\.com>$", row.MessageId);
    }

    // Rule: campaign mail carries its campaign as send-mail's does (o:tag campaign, campaign
    // type, stream marker), so the Mailgun webhook attributes its events to the campaign and its
    // stream: read here by the webhook's own MailgunDeliveryEvent from the tags Mailgun received.
    [Fact]
    public async Task Sender_ThroughMailgun_TagsTheCampaignAsTheWebhookReadsIt()
    {
        using var mailgun = new MailgunStandIn(200);
        using var harness = Harness(mailgun);
        var message = await PlannedAsync(harness, "a@example.com");

        await harness.Sender.HandleAsync(new SQSEvent { Records = [message] }, new TestLambdaContext());

        var request = Assert.Single(mailgun.Requests);
        Assert.Equal("/v3/mg.example.com/messages", request.Path);
        var fields = Fields(request.Body);
        var tags = fields.Where(f => f.Name == "o:tag").Select(f => f.Value).ToList();
        Assert.Equal(["nov", "financial", "stream:financial"], tags);
        Assert.Contains(fields, f => f.Name == "h:List-Unsubscribe");
        var delivered = MailgunDeliveryEvent.From(new MailgunEvent("ev-1", "delivered", 1_700_000_000, "a@example.com", null, tags, "mg-1", 250, null), "hash");
        Assert.Equal("nov", delivered.Campaign);
        Assert.Equal("financial", delivered.Stream);
    }
}
