using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Inbound.Mailto;
using CrmMail.Kernel;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

public class MailtoHandlerTests
{
    private readonly SubscriptionHarness _harness = new();

    private MailtoHandler Create() => new(new MailtoUnsubscribeFlow(_harness.Services.Tokens, _harness.Services.Subscriptions, _harness.Time), _harness.Services.Hasher, 150 * 1024);

    [Fact]
    public async Task TokenInSubject_FromAForwardingAddress_UnsubscribesTheTokensContact()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Financial);
        // A mail client replies with "Re:" and folds the long subject line.
        var mime = SesMail.Mime("Forwarder <forwarder@other.example>", "Re: unsubscribe\r\n " + token);

        // The token needs no verdict: every sender check fails here.
        var report = await Create().HandleAsync(SesMail.Event(SesMail.Notification(mime, spf: "FAIL", dkim: "FAIL", dmarc: "FAIL")), new TestLambdaContext());

        Assert.Equal(1, report.Applied);
        Assert.False(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));
        Assert.True(_harness.Contacts["payee@example.com"]!.IsSubscribed(Topics.Outreach));
        Assert.Null(_harness.Contacts["forwarder@other.example"]);
        var row = _harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(AuditSource.Mailto, row.Context.Source);
        Assert.Equal("token", row.Context.Detection!["reason"]);
        Assert.Equal("token", row.Context.Detection!["sender-rule"]);
        Assert.Equal("mailto:ses-msg-1", row.Context.EventId);
    }

    [Fact]
    public async Task NoToken_VerifiedSender_UnsubscribesInferredTopicWithReason()
    {
        var mime = SesMail.Mime("payee@example.com", "Unsubscribe", "Please stop the newsletter.");

        var report = await Create().HandleAsync(SesMail.Event(SesMail.Notification(mime, spf: "FAIL", dkim: "PASS", dmarc: "PASS")), new TestLambdaContext());

        Assert.Equal(1, report.Applied);
        var contact = _harness.Contacts["payee@example.com"]!;
        Assert.False(contact.IsSubscribed(Topics.Outreach));
        Assert.True(contact.IsSubscribed(Topics.Financial));
        var detection = _harness.Audit.Rows.Single().Context.Detection!;
        Assert.Equal("verified_sender", detection["reason"]);
        Assert.Equal("dmarc-pass", detection["sender-rule"]);
        Assert.Equal("PASS", detection["dmarc"]);
        Assert.Equal("outreach", detection["inferredTopics"]);
        Assert.Equal("Unsubscribe", detection["subject"]);
    }

    [Fact]
    public async Task NoToken_NoTopicNamed_UnsubscribesEverything()
    {
        var report = await Create().HandleAsync(SesMail.Event(SesMail.Notification(SesMail.Mime("payee@example.com", "unsubscribe"))), new TestLambdaContext());

        Assert.Equal(1, report.Applied);
        Assert.True(_harness.Contacts["payee@example.com"]!.UnsubscribeAll);
    }

    // Spam or virus FAIL ignores the mail even when DMARC passed; failed or unknown checks prove nothing.
    [Theory]
    [InlineData("FAIL", "FAIL", "FAIL", "PASS", "PASS")]
    [InlineData("PASS", "PASS", "PASS", "FAIL", "PASS")]
    [InlineData("PASS", "PASS", "PASS", "PASS", "FAIL")]
    [InlineData("GRAY", "PROCESSING_FAILED", "GRAY", "PASS", "PASS")]
    [InlineData("PASS", "PASS", "PROCESSING_FAILED", "PASS", "PASS")]
    public async Task NoToken_SpoofableSender_IsIgnored(string spf, string dkim, string dmarc, string spam, string virus)
    {
        var mime = SesMail.Mime("victim@example.com", "unsubscribe");

        var report = await Create().HandleAsync(SesMail.Event(SesMail.Notification(mime, spf: spf, dkim: dkim, dmarc: dmarc, spam: spam, virus: virus)), new TestLambdaContext());

        Assert.Equal(0, report.Applied);
        Assert.Equal(1, report.Ignored);
        Assert.Null(_harness.Contacts["victim@example.com"]);
        Assert.Empty(_harness.Audit.Rows);
    }

    [Fact]
    public async Task DuplicateSnsDelivery_ChangesNothingAndWritesNoSecondRow()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);
        var notification = SesMail.Notification(SesMail.Mime("payee@example.com", "unsubscribe " + token));
        var sut = Create();

        await sut.HandleAsync(SesMail.Event(notification), new TestLambdaContext());
        var updates = _harness.Contacts.Updates;
        await sut.HandleAsync(SesMail.Event(notification), new TestLambdaContext());

        Assert.Equal(updates, _harness.Contacts.Updates);
        Assert.Single(_harness.Audit.Rows, r => r.Action == AuditAction.Unsubscribe);
    }

    [Fact]
    public async Task Utf8Content_IsReadToo()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);

        var report = await Create().HandleAsync(SesMail.Event(SesMail.Notification(SesMail.Mime("a@example.com", "unsubscribe " + token), base64: false)), new TestLambdaContext());

        Assert.Equal(1, report.Applied);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"notificationType\":\"Bounce\"}")]
    [InlineData("")]
    public async Task NotAReceivedNotification_IsLoggedAndAcknowledged(string message)
    {
        var context = new TestLambdaContext();

        var report = await Create().HandleAsync(SesMail.Event(message), context);

        Assert.Equal(1, report.Ignored);
        Assert.Contains("mailto ignored", context.TestLogger.Buffer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContentOverTheLimit_IsIgnored()
    {
        var sut = new MailtoHandler(new MailtoUnsubscribeFlow(_harness.Services.Tokens, _harness.Services.Subscriptions, _harness.Time), _harness.Services.Hasher, 1024);
        var big = SesMail.Mime("payee@example.com", "unsubscribe", new string('x', 10_000));

        var report = await sut.HandleAsync(SesMail.Event(SesMail.Notification(big)), new TestLambdaContext());

        Assert.Equal(1, report.Ignored);
        Assert.Null(_harness.Contacts["payee@example.com"]);
    }

    [Fact]
    public async Task TransientFailure_Throws_SoLambdaRetries()
    {
        var token = await _harness.TokenAsync("payee@example.com", Topics.Outreach);
        var fresh = new SubscriptionHarness();
        fresh.KeyWrapper.Down = true;
        var sut = new MailtoHandler(new MailtoUnsubscribeFlow(fresh.Services.Tokens, fresh.Services.Subscriptions, fresh.Time), fresh.Services.Hasher, 150 * 1024);
        await fresh.KeyStore.PutAsync((await _harness.KeyStore.GetAsync(Convert.ToHexStringLower(System.Buffers.Text.Base64Url.DecodeFromChars(token).AsSpan(1, 8)), default))!, default);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.HandleAsync(SesMail.Event(SesMail.Notification(SesMail.Mime("a@example.com", "unsubscribe " + token))), new TestLambdaContext()));
    }
}
