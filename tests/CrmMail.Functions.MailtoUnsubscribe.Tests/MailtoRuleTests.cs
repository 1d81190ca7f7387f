using System.Text;
using System.Text.Json.Nodes;
using CrmMail.Inbound.Mailto;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>
/// The mailto sender rule decision by decision (<see cref="SenderAuthentication"/> on a parsed
/// message), the alignment helpers at their edges, and the parser's size limits and fallbacks.
/// </summary>
public class MailtoRuleTests
{
    private static MailtoMessage Message(
        string? from = "payee@example.com",
        string spf = "PASS",
        string dkim = "PASS",
        string dmarc = "GRAY",
        string spam = "PASS",
        string virus = "PASS",
        string? envelope = "bounce@example.com",
        string[]? dkimDomains = null,
        string? fromProblem = null)
        => new("m-1", from, "unsubscribe", string.Empty, null, new MailtoVerdicts(spf, dkim, dmarc, spam, virus), envelope, dkimDomains ?? [], fromProblem);

    // Rule: a spam or virus FAIL refuses the mail whatever else passed (DMARC PASS included).
    [Theory]
    [InlineData("FAIL", "PASS")]
    [InlineData("PASS", "FAIL")]
    public void Evaluate_SpamOrVirusFail_IsRefused(string spam, string virus)
    {
        var decision = SenderAuthentication.Evaluate(Message(dmarc: "PASS", spam: spam, virus: virus));

        Assert.False(decision.Trusted);
        Assert.Equal("spam_or_virus", decision.RefusedReason);
    }

    // Rule: a From that cannot be relied on (several From, or MIME and SES disagree) is refused with that reason, even with DMARC PASS.
    [Fact]
    public void Evaluate_FromProblem_IsRefusedWithIt()
        => Assert.Equal("from_mismatch", SenderAuthentication.Evaluate(Message(dmarc: "PASS", fromProblem: "from_mismatch")).RefusedReason);

    // Rule: no From, or a From without a domain, is no sender.
    [Theory]
    [InlineData(null)]
    [InlineData("payee@")]
    [InlineData("payee")]
    public void Evaluate_NoUsableFrom_IsNoSender(string? from)
        => Assert.Equal("no_sender", SenderAuthentication.Evaluate(Message(from: from, dmarc: "PASS")).RefusedReason);

    // Rule: DMARC PASS vouches for the From whatever SPF and DKIM said individually.
    [Fact]
    public void Evaluate_DmarcPassWithSpfAndDkimFail_IsDmarcPass()
    {
        var decision = SenderAuthentication.Evaluate(Message(spf: "FAIL", dkim: "FAIL", dmarc: "PASS", envelope: "x@attacker.example"));

        Assert.True(decision.Trusted);
        Assert.Equal(SenderRules.DmarcPass, decision.Rule);
        Assert.Null(decision.RefusedReason);
    }

    // Rule: a DMARC verdict other than PASS or GRAY proves nothing, whatever SPF and DKIM said; the reason names it.
    [Theory]
    [InlineData("FAIL", "dmarc_fail")]
    [InlineData("PROCESSING_FAILED", "dmarc_processing_failed")]
    [InlineData("MISSING", "dmarc_missing")]
    public void Evaluate_DmarcNeitherPassNorGray_IsRefused(string dmarc, string reason)
        => Assert.Equal(reason, SenderAuthentication.Evaluate(Message(dmarc: dmarc, dkimDomains: ["example.com"])).RefusedReason);

    // Rule (GRAY): SPF PASS for an aligned envelope domain vouches for From, even with DKIM FAIL.
    [Fact]
    public void Evaluate_GraySpfPassAlignedDkimFail_IsSpfAligned()
        => Assert.Equal(SenderRules.SpfAligned, SenderAuthentication.Evaluate(Message(dkim: "FAIL", envelope: "bounce@mail.example.com")).Rule);

    // Rule (GRAY): SPF must PASS for its alignment to count: an aligned envelope with SPF FAIL and no DKIM is not enough.
    [Theory]
    [InlineData("FAIL")]
    [InlineData("GRAY")]
    [InlineData("SOFTFAIL")]
    public void Evaluate_GrayAlignedEnvelopeWithoutSpfPass_IsNotAligned(string spf)
        => Assert.Equal("sender_not_aligned", SenderAuthentication.Evaluate(Message(spf: spf, dkim: "FAIL")).RefusedReason);

    // Rule (GRAY): SPF PASS for an unaligned envelope and DKIM FAIL on an aligned signature is not enough.
    [Fact]
    public void Evaluate_GraySpfPassUnalignedAndDkimFailAligned_IsNotAligned()
        => Assert.Equal("sender_not_aligned", SenderAuthentication.Evaluate(Message(dkim: "FAIL", envelope: "bounce@esp.example.net", dkimDomains: ["example.com"])).RefusedReason);

    // Rule (GRAY): DKIM PASS on the only signature, aligned, vouches for From when SPF does not.
    [Fact]
    public void Evaluate_GrayDkimPassOnlySignatureAligned_IsDkimAligned()
        => Assert.Equal(SenderRules.DkimAligned, SenderAuthentication.Evaluate(Message(spf: "FAIL", envelope: null, dkimDomains: ["mail.example.com"])).Rule);

    // Rule (GRAY): DKIM PASS counts only with exactly one signature, and only when it aligns.
    [Theory]
    [InlineData("none")]
    [InlineData("example.com|example.com")]
    [InlineData("esp.example.net")]
    [InlineData("")]
    public void Evaluate_GrayDkimPassWithoutOneAlignedSignature_IsNotAligned(string domains)
        => Assert.Equal("sender_not_aligned", SenderAuthentication.Evaluate(Message(spf: "FAIL", dkimDomains: domains == "none" ? [] : domains.Split('|'))).RefusedReason);

    // Rule: the domain of an address is what follows its last @ (a closing '>' dropped); none without one.
    [Theory]
    [InlineData("a@example.com", "example.com")]
    [InlineData("\"a@b\"@example.com", "example.com")]
    [InlineData("<a@example.com>", "example.com")]
    [InlineData("@example.com", "example.com")]
    [InlineData("a@", null)]
    [InlineData("a", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void DomainOf_Address(string? address, string? expected) => Assert.Equal(expected, DomainAlignment.DomainOf(address));

    // Rule: a canonical domain is IDNA ASCII, lower case, trimmed, without its trailing dot, and at most 253 characters.
    [Fact]
    public void Canonical_Edges()
    {
        var label = new string('a', 63);
        var domain253 = string.Join('.', label, label, label, new string('b', 61));
        Assert.Equal(253, domain253.Length);

        Assert.Equal(domain253, DomainAlignment.Canonical(" " + domain253.ToUpperInvariant() + ". "));
        Assert.Null(DomainAlignment.Canonical(domain253 + "b"));
        Assert.Null(DomainAlignment.Canonical("   "));
        Assert.Null(DomainAlignment.Canonical(new string('a', 1013)));
        Assert.Null(DomainAlignment.Canonical("exa_mple.com"));
        Assert.Equal("xn--bcher-kva.example", DomainAlignment.Canonical("BÜCHER.example"));
    }

    // Rule: the raw text read as a domain is bounded at 253 * 4 characters inclusive (trailing dots and spaces are
    // trimmed after the bound).
    [Fact]
    public void Canonical_RawTextBound_IsInclusive()
    {
        Assert.Equal("example.com", DomainAlignment.Canonical("example.com" + new string('.', (253 * 4) - "example.com".Length)));
        Assert.Null(DomainAlignment.Canonical("example.com" + new string('.', (253 * 4) - "example.com".Length + 1)));
    }

    // Rule: an internationalised domain aligns with itself whatever the case of its non-ASCII
    // letters (IdnMapping keeps their case, so the name is lower-cased before it is converted).
    [Fact]
    public void Aligned_UpperCaseIdnFromAndLowerCaseSigner_Align()
    {
        Assert.True(DomainAlignment.Aligned("bücher.example", "BÜCHER.example"));
        Assert.True(DomainAlignment.Aligned("mail.xn--bcher-kva.example", "BÜCHER.EXAMPLE"));
    }

    // Rule: a subdomain aligns only at a label boundary and only when it is longer than its parent plus a dot.
    [Theory]
    [InlineData("a.example.com", "example.com", true)]
    [InlineData("xexample.com", "example.com", false)]
    [InlineData("example.com", "xexample.com", false)]
    [InlineData("e.com", "a.e.com", true)]
    public void Aligned_LabelBoundary(string a, string b, bool expected) => Assert.Equal(expected, DomainAlignment.Aligned(a, b));

    // The mailto flow over a fresh in-memory subscription harness.
    private static (SubscriptionHarness Harness, MailtoUnsubscribeFlow Flow) NewFlow()
    {
        var harness = new SubscriptionHarness();
        return (harness, new MailtoUnsubscribeFlow(harness.Services.Tokens, harness.Services.Subscriptions, harness.Time));
    }

    private static string Notification(Action<JsonNode> change, string mime)
    {
        var root = JsonNode.Parse(SesMail.Notification(mime))!;
        change(root);
        return root.ToJsonString();
    }

    // Rule: SES's message id is the idempotency key: up to 256 characters, none or more is ignored.
    [Fact]
    public void Parse_MessageIdOf256And257_OnlyThe256()
    {
        var mime = SesMail.Mime("payee@example.com", "unsubscribe");

        Assert.NotNull(MailtoParser.Parse(Notification(r => r["mail"]!["messageId"] = new string('m', 256), mime), 150 * 1024).Message);
        Assert.Equal("no_message_id", MailtoParser.Parse(Notification(r => r["mail"]!["messageId"] = new string('m', 257), mime), 150 * 1024).IgnoredReason);
        Assert.Equal("no_message_id", MailtoParser.Parse(Notification(r => r["mail"]!["messageId"] = " ", mime), 150 * 1024).IgnoredReason);
    }

    // Rule: the content limit is on the decoded message: Base64 of exactly the limit passes, a few bytes more is too large.
    [Fact]
    public void Parse_ContentAtAndOverTheLimit()
    {
        var head = SesMail.Mime("payee@example.com", "unsubscribe", string.Empty);
        const int limit = 3000;
        var exact = head + new string('x', limit - Encoding.UTF8.GetByteCount(head));
        Assert.Equal(limit, Encoding.UTF8.GetByteCount(exact));

        Assert.NotNull(MailtoParser.Parse(SesMail.Notification(exact), limit).Message);
        Assert.Equal("content_too_large", MailtoParser.Parse(SesMail.Notification(exact + "x"), limit).IgnoredReason);
    }

    // Rule: the limit is exact for every length and both encodings: Base64 or UTF-8 of the limit passes, one byte more
    // is too large, also when the UTF-8 text has fewer characters than bytes.
    [Theory]
    [InlineData(3000, true)]
    [InlineData(3001, true)]
    [InlineData(3002, true)]
    [InlineData(3000, false)]
    public void Parse_ContentLimitIsExact(int limit, bool base64)
    {
        var head = SesMail.Mime("payee@example.com", "unsubscribe", string.Empty);
        var exact = head + new string('x', limit - Encoding.UTF8.GetByteCount(head));
        var accented = head + new string('é', ((limit - Encoding.UTF8.GetByteCount(head)) / 2) + 1);

        Assert.NotNull(MailtoParser.Parse(SesMail.Notification(exact, base64: base64), limit).Message);
        Assert.Equal("content_too_large", MailtoParser.Parse(SesMail.Notification(exact + "x", base64: base64), limit).IgnoredReason);
        Assert.True(accented.Length <= limit && Encoding.UTF8.GetByteCount(accented) > limit);
        Assert.Equal("content_too_large", MailtoParser.Parse(SesMail.Notification(accented, base64: base64), limit).IgnoredReason);
    }

    // Rule: Base64 content wrapped in lines (76 characters and CRLF, as MIME writes it) counts by what it decodes to:
    // wrapped Base64 of exactly the limit passes.
    [Fact]
    public void Parse_WrappedBase64AtTheLimit_Passes()
    {
        const int limit = 3000;
        var head = SesMail.Mime("payee@example.com", "unsubscribe", string.Empty);
        var exact = head + new string('x', limit - Encoding.UTF8.GetByteCount(head));
        var wrapped = Convert.ToBase64String(Encoding.UTF8.GetBytes(exact), Base64FormattingOptions.InsertLineBreaks);
        var notification = JsonNode.Parse(SesMail.Notification(exact))!;
        notification["content"] = wrapped;

        Assert.True(wrapped.Length > 4000);
        Assert.NotNull(MailtoParser.Parse(notification.ToJsonString(), limit).Message);
    }

    // Rule: subject and body are cut to 998 and 4096 characters; an HTML-only body is read without its tags.
    [Fact]
    public void Parse_LongSubjectAndHtmlBody_AreCutAndStripped()
    {
        var html = "From: payee@example.com\r\nTo: u@mail.example.com\r\nSubject: " + new string('s', 1200) + "\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<p>stop the <b>newsletter</b></p>" + new string('y', 5000) + "\r\n";

        var message = MailtoParser.Parse(SesMail.Notification(html), 150 * 1024).Message!;

        Assert.Equal(998, message.Subject.Length);
        Assert.Equal(4096, message.BodyText.Length);
        Assert.StartsWith(" stop the  newsletter  ", message.BodyText, StringComparison.Ordinal);
    }

    // Rule: the envelope sender is kept only when it is 1–998 characters.
    [Theory]
    [InlineData(998, true)]
    [InlineData(999, false)]
    [InlineData(0, false)]
    public void Parse_EnvelopeSenderLength(int length, bool kept)
    {
        var source = length == 0 ? string.Empty : new string('e', length - 12) + "@example.com";

        var message = MailtoParser.Parse(SesMail.Notification(SesMail.Mime("payee@example.com", "unsubscribe"), mailFrom: source), 150 * 1024).Message!;

        Assert.Equal(kept ? source : null, message.EnvelopeFrom);
    }

    // Rule: without MIME content, SES's header list gives the DKIM domains, but only when it is complete (not truncated).
    [Theory]
    [InlineData(false, "example.com")]
    [InlineData(true, "")]
    public void Parse_NoContent_DkimDomainsFromCompleteHeadersOnly(bool truncated, string expected)
    {
        var notification = Notification(
            r =>
            {
                r["content"] = null;
                r["mail"]!["headersTruncated"] = truncated;
                r["mail"]!["headers"] = new JsonArray(new JsonObject { ["name"] = "From", ["value"] = "payee@example.com" }, new JsonObject { ["name"] = "dkim-signature", ["value"] = "v=1; d=Example.com; s=s" });
                r["mail"]!["commonHeaders"]!["from"] = new JsonArray("Payee <payee@example.com>");
            },
            SesMail.Mime("payee@example.com", "unsubscribe"));

        var message = MailtoParser.Parse(notification, 150 * 1024).Message!;

        Assert.Equal(expected, string.Join(',', message.DkimDomains));
        Assert.Equal("payee@example.com", message.FromAddress);
        Assert.Null(message.FromProblem);
    }

    // Rule: without MIME content, two From headers or two commonHeaders.from entries are refused as multiple_from.
    [Fact]
    public void Parse_NoContentTwoFromHeaders_IsMultipleFrom()
    {
        var notification = Notification(
            r =>
            {
                r["content"] = null;
                r["mail"]!["headers"] = new JsonArray(new JsonObject { ["name"] = "FROM", ["value"] = "a@example.com" }, new JsonObject { ["name"] = "from", ["value"] = "b@example.com" });
                r["mail"]!["commonHeaders"]!["from"] = new JsonArray("a@example.com");
            },
            SesMail.Mime("payee@example.com", "unsubscribe"));

        Assert.Equal("multiple_from", MailtoParser.Parse(notification, 150 * 1024).Message!.FromProblem);
    }

    // Rule: a token is "unsubscribe" + 40 to 2048 token characters, after a start, a space or a colon, ending at a non-token character.
    [Theory]
    [InlineData(40, "unsubscribe {0}", true)]
    [InlineData(39, "unsubscribe {0}", false)]
    [InlineData(2048, "unsubscribe {0}", true)]
    [InlineData(2049, "unsubscribe {0}", false)]
    [InlineData(40, "Re:unsubscribe {0}", true)]
    [InlineData(40, "xunsubscribe {0}", false)]
    [InlineData(40, "UNSUBSCRIBE\t {0} thanks", true)]
    public void FindToken_Edges(int length, string format, bool found)
    {
        var token = new string('T', length);

        Assert.Equal(found ? token : null, MailtoParser.FindToken(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, token)));
    }

    // Rule: a verified sender's audit row records domains only (envelope and DKIM), never another address.
    [Fact]
    public async Task RunAsync_VerifiedSender_RecordsDomainsNotAddresses()
    {
        var (harness, flow) = NewFlow();

        var outcome = await flow.RunAsync(Message(envelope: "Bounce+x@Mail.Example.com", dkimDomains: ["example.com", "esp.example.net"]), "req-1", default);

        Assert.True(outcome.Applied);
        Assert.Equal(SenderRules.SpfAligned, outcome.Reason);
        Assert.Equal(["*"], outcome.Topics);
        var detection = harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!;
        Assert.Equal("mail.example.com", detection["envelopeDomain"]);
        Assert.Equal("example.com,esp.example.net", detection["dkimDomains"]);
        Assert.Equal("all", detection["inferredTopics"]);
        Assert.DoesNotContain(detection.Values, v => v.Contains('@', StringComparison.Ordinal));
    }

    // Rule: an implausible From is never acted on, even when a rule vouches for its domain.
    [Fact]
    public async Task RunAsync_ImplausibleFrom_IsIgnored()
    {
        var (harness, flow) = NewFlow();

        var outcome = await flow.RunAsync(Message(from: "pay ee@example.com", dmarc: "PASS"), "req-1", default);

        Assert.False(outcome.Applied);
        Assert.False(outcome.Changed);
        Assert.Equal("no_sender", outcome.Reason);
        Assert.Empty(harness.Audit.Rows);
    }

    // Rule: what the audit row copies from the mail is bounded: the subject and each domain to 200 characters.
    [Fact]
    public async Task RunAsync_LongSubjectAndEnvelopeDomain_AreCutTo200InTheRow()
    {
        var (harness, flow) = NewFlow();
        var label = new string('d', 63);
        var longDomain = string.Join('.', label, label, label, "example.com");

        var outcome = await flow.RunAsync(Message(envelope: "b@" + longDomain) with { Subject = "stop the newsletter " + new string('s', 300) }, "req-1", default);

        Assert.True(outcome.Applied);
        Assert.Equal(["outreach"], outcome.Topics);
        var detection = harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!;
        Assert.Equal(200, detection["subject"].Length);
        Assert.Equal(longDomain[..200], detection["envelopeDomain"]);
        Assert.False(detection.ContainsKey("dkimDomains"));
    }

    // Rule: the raw MIME's DKIM-Signature headers count, not SES's header list (which may be cut short).
    [Fact]
    public void Parse_WithContent_DkimDomainsComeFromTheMime()
    {
        var mime = SesMail.Mime("payee@example.com", "unsubscribe", "stop", SesMail.DkimSignature("example.com"));
        var notification = Notification(r => { r["mail"]!["headersTruncated"] = true; r["mail"]!["headers"] = new JsonArray(); }, mime);

        var message = MailtoParser.Parse(notification, 150 * 1024).Message!;

        Assert.Equal(["example.com"], message.DkimDomains);
        Assert.Equal(SenderRules.DkimAligned, SenderAuthentication.Evaluate(message with { Verdicts = new MailtoVerdicts("FAIL", "PASS", "GRAY", "PASS", "PASS") }).Rule);
    }

    // Rule: a From holding a group of several mailboxes is refused like several From mailboxes (one could be shown, another checked).
    [Fact]
    public void Parse_FromGroupOfTwoMailboxes_IsMultipleFrom()
    {
        var mime = SesMail.Mime("Friends: payee@example.com, victim@example.com;", "unsubscribe");

        Assert.Equal("multiple_from", MailtoParser.Parse(SesMail.Notification(mime, commonFrom: ["payee@example.com"]), 150 * 1024).Message!.FromProblem);
    }

    // Rule: an empty notification and one without any subject are read without an exception.
    [Fact]
    public void Parse_EmptyOrSubjectless_AreHandled()
    {
        Assert.Equal("empty_message", MailtoParser.Parse("  ", 1024).IgnoredReason);
        var subjectless = Notification(r => { r["content"] = null; r["mail"]!["commonHeaders"]!["subject"] = null; }, SesMail.Mime("payee@example.com", "x"));
        Assert.Equal(string.Empty, MailtoParser.Parse(subjectless, 1024).Message!.Subject);
    }

    // Rule: a token for another purpose (resubscribe) is not an unsubscribe token: it is rejected and the sender rule decides.
    [Fact]
    public async Task RunAsync_ResubscribeTokenInSubject_IsRejectedAndTheSenderRuleDecides()
    {
        var (harness, flow) = NewFlow();
        var token = await harness.TokenAsync("victim@example.com", Topics.Financial, CrmMail.Signing.Tokens.TokenPurpose.Resubscribe);

        var outcome = await flow.RunAsync(Message(dmarc: "FAIL") with { Token = token }, "req-1", default);

        Assert.False(outcome.Applied);
        Assert.Null(harness.Contacts["victim@example.com"]);
    }

    // Rule: a token's unsubscribe records the token's age on the injected clock.
    [Fact]
    public async Task RunAsync_Token_RecordsItsAge()
    {
        var (harness, flow) = NewFlow();
        var token = await harness.TokenAsync("payee@example.com", Topics.Outreach);
        harness.Time.Advance(TimeSpan.FromHours(3));

        var outcome = await flow.RunAsync(Message(dmarc: "FAIL") with { Token = token }, "req-1", default);

        Assert.True(outcome.Applied);
        Assert.Equal(["outreach"], outcome.Topics);
        Assert.Equal("payee@example.com", outcome.Email);
        var row = harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(TimeSpan.FromHours(3), row.Context.TokenAge);
        Assert.Equal(("req-1", "MAIL"), (row.Context.RequestId, row.Context.Method));
    }

    // Rule: the MIME must carry exactly one From header, whatever the others hold: a second, empty From is refused too.
    [Fact]
    public void Parse_SecondEmptyFromHeader_IsMultipleFrom()
    {
        var mime = SesMail.Mime("payee@example.com", "unsubscribe", "stop", "From:");

        Assert.Equal("multiple_from", MailtoParser.Parse(SesMail.Notification(mime, commonFrom: ["payee@example.com"]), 150 * 1024).Message!.FromProblem);
    }

    // Rule: without SES's commonHeaders.from, the MIME's one From stands (nothing to disagree with).
    [Fact]
    public void Parse_NoCommonFrom_TheMimeFromStands()
    {
        var message = MailtoParser.Parse(SesMail.Notification(SesMail.Mime("payee@example.com", "unsubscribe"), commonFrom: []), 150 * 1024).Message!;

        Assert.Equal(("payee@example.com", (string?)null), (message.FromAddress, message.FromProblem));
    }

    // Rule: without MIME content, SES's commonHeaders.from gives the sender even when its header list names no From.
    [Fact]
    public void Parse_NoContentAndNoFromInTheHeaderList_CommonFromStands()
    {
        var notification = Notification(
            r =>
            {
                r["content"] = null;
                r["mail"]!["headers"] = new JsonArray(new JsonObject { ["name"] = "Subject", ["value"] = "unsubscribe" });
                r["mail"]!["commonHeaders"]!["from"] = new JsonArray("Payee <payee@example.com>");
            },
            SesMail.Mime("payee@example.com", "unsubscribe"));

        var message = MailtoParser.Parse(notification, 150 * 1024).Message!;

        Assert.Equal(("payee@example.com", (string?)null), (message.FromAddress, message.FromProblem));
    }

    // Rule: without MIME content, SES's commonHeaders give the subject (where the token travels), and an empty
    // commonHeaders.from is no sender rather than several.
    [Fact]
    public void Parse_NoContent_SubjectFromSesAndAnEmptyFromListIsNoSender()
    {
        var notification = Notification(
            r =>
            {
                r["content"] = null;
                r["mail"]!["commonHeaders"]!["subject"] = "Re: unsubscribe please";
                r["mail"]!["commonHeaders"]!["from"] = new JsonArray();
            },
            SesMail.Mime("payee@example.com", "unsubscribe"));

        var message = MailtoParser.Parse(notification, 150 * 1024).Message!;

        Assert.Equal("Re: unsubscribe please", message.Subject);
        Assert.Equal(((string?)null, (string?)null), (message.FromAddress, message.FromProblem));
    }

    // Rule: the subject is the MIME's (what DMARC's message carried), not SES's summary of it.
    [Fact]
    public void Parse_MimeAndSesSubjectsDiffer_TheMimeSubjectCounts()
    {
        var message = MailtoParser.Parse(SesMail.Notification(SesMail.Mime("payee@example.com", "stop the newsletter"), subject: "something else"), 150 * 1024).Message!;

        Assert.Equal("stop the newsletter", message.Subject);
    }

    // Rule: no subject has no token, never an exception.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FindToken_NoSubject_IsNull(string? subject) => Assert.Null(MailtoParser.FindToken(subject));

    // Rule: a DKIM-Signature without a value has no domain (empty), never an exception.
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void DkimDomain_NoValue_IsEmpty(string? value) => Assert.Equal(string.Empty, MailtoParser.DkimDomain(value));

    // Rule: a refused sender's outcome names the refusal (spam or virus here), not a generic "no sender".
    [Fact]
    public async Task RunAsync_RefusedSender_TheOutcomeNamesTheRefusal()
    {
        var (harness, flow) = NewFlow();

        var outcome = await flow.RunAsync(Message(dmarc: "PASS", spam: "FAIL"), "req-1", default);

        Assert.Equal((false, "spam_or_virus"), (outcome.Applied, outcome.Reason));
    }

    // Rule: the audit row leaves out an empty value (a DKIM signature without d=) rather than recording an empty field.
    [Fact]
    public async Task RunAsync_SignatureWithoutDomain_NoEmptyDkimDomainsInTheRow()
    {
        var (harness, flow) = NewFlow();

        var outcome = await flow.RunAsync(Message(dmarc: "PASS", dkimDomains: [string.Empty]), "req-1", default);

        Assert.True(outcome.Applied);
        Assert.False(harness.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!.ContainsKey("dkimDomains"));
    }
}
