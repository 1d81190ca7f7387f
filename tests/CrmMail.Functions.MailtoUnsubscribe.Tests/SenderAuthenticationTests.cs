using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Inbound.Mailto;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>
/// Who may unsubscribe by mail without a token: DMARC's rule, end to end through the handler.
/// The From address counts only when SES's DMARC verdict is PASS, or the domain has no DMARC
/// policy (GRAY) and SPF passed for an aligned envelope domain or DKIM passed on the only
/// signature, whose d= aligns. Every mail here is honest about its own headers unless the
/// test says otherwise.
/// </summary>
public class SenderAuthenticationTests
{
    private readonly SubscriptionHarness _harness = new();

    private MailtoHandler Create() => new(new MailtoUnsubscribeFlow(_harness.Services.Tokens, _harness.Services.Subscriptions, _harness.Time), _harness.Services.Hasher, 150 * 1024);

    private async Task<MailtoReport> DeliverAsync(string notification) => await Create().HandleAsync(SesMail.Event(notification), new TestLambdaContext());

    private void AssertUntouched(MailtoReport report, params string[] addresses)
    {
        Assert.Equal(0, report.Applied);
        Assert.Equal(1, report.Ignored);
        foreach (var address in addresses)
        {
            Assert.Null(_harness.Contacts[address]);
        }

        Assert.Empty(_harness.Audit.Rows);
    }

    private string AppliedRule(MailtoReport report, string address)
    {
        Assert.Equal(1, report.Applied);
        Assert.True(_harness.Contacts[address]!.UnsubscribeAll);
        return _harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!["sender-rule"];
    }

    // SPF vouches for the envelope domain only: an attacker's own SPF record says nothing about From.
    [Fact]
    public async Task HandleAsync_ForgedFromWithSpfPassForUnrelatedEnvelope_IsIgnored()
    {
        var mime = SesMail.Mime("victim@example.com", "unsubscribe");

        var report = await DeliverAsync(SesMail.Notification(mime, spf: "PASS", dkim: "FAIL", dmarc: "GRAY", mailFrom: "bounce@attacker.example"));

        AssertUntouched(report, "victim@example.com");
    }

    // A DKIM PASS belongs to its signing domain: d= of another domain does not vouch for From.
    [Fact]
    public async Task HandleAsync_DkimPassForAnotherDomain_IsIgnored()
    {
        var mime = SesMail.Mime("victim@example.com", "unsubscribe", "Please remove me.", SesMail.DkimSignature("attacker.example"));

        var report = await DeliverAsync(SesMail.Notification(mime, spf: "FAIL", dkim: "PASS", dmarc: "GRAY", mailFrom: "bounce@attacker.example"));

        AssertUntouched(report, "victim@example.com");
    }

    // SES gives one DKIM verdict per message: with two signatures the PASS may be the attacker's.
    [Fact]
    public async Task HandleAsync_TwoDkimSignaturesOneAligned_IsNotEnough()
    {
        var mime = SesMail.Mime("victim@example.com", "unsubscribe", "Please remove me.", SesMail.DkimSignature("example.com"), SesMail.DkimSignature("attacker.example"));

        var report = await DeliverAsync(SesMail.Notification(mime, spf: "FAIL", dkim: "PASS", dmarc: "GRAY", mailFrom: "bounce@attacker.example"));

        AssertUntouched(report, "victim@example.com");
    }

    // The domain's own DMARC policy failed the mail: SPF and DKIM passes for other domains do not override it.
    [Fact]
    public async Task HandleAsync_DmarcFailWithSpfAndDkimPass_IsIgnored()
    {
        var mime = SesMail.Mime("victim@example.com", "unsubscribe", "Please remove me.", SesMail.DkimSignature("example.com"));

        var report = await DeliverAsync(SesMail.Notification(mime, spf: "PASS", dkim: "PASS", dmarc: "FAIL", mailFrom: "bounce@example.com"));

        AssertUntouched(report, "victim@example.com");
    }

    // No DMARC policy (GRAY): SPF PASS for an envelope domain aligned with From is DMARC's own test.
    [Fact]
    public async Task HandleAsync_GrayWithAlignedSpf_ActsAndRecordsTheRule()
    {
        var mime = SesMail.Mime("payee@example.com", "unsubscribe");

        var report = await DeliverAsync(SesMail.Notification(mime, spf: "PASS", dkim: "FAIL", dmarc: "GRAY", mailFrom: "bounces@example.com"));

        Assert.Equal(SenderRules.SpfAligned, AppliedRule(report, "payee@example.com"));
        var detection = _harness.Audit.Rows.Single().Context.Detection!;
        Assert.Equal("example.com", detection["envelopeDomain"]);
        Assert.Equal("GRAY", detection["dmarc"]);
    }

    // No DMARC policy (GRAY): DKIM PASS on the message's only signature, with d= aligned, counts.
    [Fact]
    public async Task HandleAsync_GrayWithSoleAlignedDkim_ActsAndRecordsTheRule()
    {
        var mime = SesMail.Mime("payee@example.com", "unsubscribe", "Please remove me.", SesMail.DkimSignature("example.com"));

        var report = await DeliverAsync(SesMail.Notification(mime, spf: "FAIL", dkim: "PASS", dmarc: "GRAY", mailFrom: "bounce@esp.example.net"));

        Assert.Equal(SenderRules.DkimAligned, AppliedRule(report, "payee@example.com"));
        Assert.Equal("example.com", _harness.Audit.Rows.Single().Context.Detection!["dkimDomains"]);
    }

    // Relaxed alignment, approximated without the Public Suffix List: equal, or a subdomain either way.
    [Theory]
    [InlineData("payee@example.com", "bounce@mail.example.com", null, SenderRules.SpfAligned)]
    [InlineData("payee@news.example.com", "bounce@example.com", null, SenderRules.SpfAligned)]
    [InlineData("payee@example.com", "bounce@esp.example.net", "mail.example.com", SenderRules.DkimAligned)]
    [InlineData("payee@news.example.com", "bounce@esp.example.net", "EXAMPLE.COM", SenderRules.DkimAligned)]
    public async Task HandleAsync_SubdomainAlignmentBothWays_Acts(string from, string mailFrom, string? dkimDomain, string expectedRule)
    {
        var extra = dkimDomain is null ? [] : new[] { SesMail.DkimSignature(dkimDomain) };
        var mime = SesMail.Mime(from, "unsubscribe", "Please remove me.", extra);

        var report = await DeliverAsync(SesMail.Notification(mime, spf: dkimDomain is null ? "PASS" : "FAIL", dkim: dkimDomain is null ? "FAIL" : "PASS", dmarc: "GRAY", mailFrom: mailFrom));

        Assert.Equal(expectedRule, AppliedRule(report, from));
    }

    // Alignment is by whole labels: a look-alike suffix or a sibling subdomain does not align.
    [Theory]
    [InlineData("victim@example.com", "bounce@notexample.com")]
    [InlineData("victim@a.example.com", "bounce@b.example.com")]
    [InlineData("victim@example.com", "bounce@com")]
    [InlineData("victim@example.com", "")]
    public async Task HandleAsync_UnalignedEnvelope_IsIgnored(string from, string mailFrom)
    {
        var report = await DeliverAsync(SesMail.Notification(SesMail.Mime(from, "unsubscribe"), spf: "PASS", dkim: "FAIL", dmarc: "GRAY", mailFrom: mailFrom));

        AssertUntouched(report, from);
    }

    // The raw MIME's From is what DMARC evaluated; SES's commonHeaders must agree with it, or nothing is done.
    [Fact]
    public async Task HandleAsync_MimeFromDiffersFromSesCommonHeaders_IsIgnored()
    {
        var mime = SesMail.Mime("victim@example.com", "unsubscribe");

        var report = await DeliverAsync(SesMail.Notification(mime, dmarc: "PASS", commonFrom: ["someone@attacker.example"]));

        AssertUntouched(report, "victim@example.com", "someone@attacker.example");
    }

    // The same address in another display form or case is agreement: the MIME address is the one acted on.
    [Fact]
    public async Task HandleAsync_SesCommonHeadersInAnotherDisplayForm_ActsOnTheMimeAddress()
    {
        var mime = SesMail.Mime("payee@example.com", "unsubscribe");

        var report = await DeliverAsync(SesMail.Notification(mime, dmarc: "PASS", commonFrom: ["\"Pat Payee\" <PAYEE@EXAMPLE.COM>"]));

        Assert.Equal(SenderRules.DmarcPass, AppliedRule(report, "payee@example.com"));
    }

    // Two From headers: DMARC may have checked one while a client shows the other.
    [Fact]
    public async Task HandleAsync_TwoFromHeaders_IsIgnored()
    {
        var mime = SesMail.Mime("sender@attacker.example", "unsubscribe", "Please remove me.", "From: victim@example.com");

        var report = await DeliverAsync(SesMail.Notification(mime, dmarc: "PASS", mailFrom: "bounce@attacker.example", commonFrom: []));

        AssertUntouched(report, "victim@example.com", "sender@attacker.example");
    }
}
