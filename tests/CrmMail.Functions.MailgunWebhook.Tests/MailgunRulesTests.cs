using System.Globalization;
using System.Text;
using CrmMail.Functions.MailgunWebhook;
using CrmMail.Inbound.Mailgun;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.MailgunWebhook.Tests;

/// <summary>
/// The Mailgun webhook's rules at the library level: the signature and its freshness window at
/// their edges, the parser's size and depth limits and fields, and what an event with an
/// implausible recipient or no known tag does.
/// </summary>
public class MailgunRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly WebhookHarness _sut = new();

    private MailgunSignatureVerifier Verifier() => new(WebhookHarness.Key, _time, TimeSpan.FromSeconds(300));

    private static string Ts(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    // Rule: a correct HMAC over timestamp + token is accepted; upper-case hex is the same signature.
    [Fact]
    public void Check_CorrectSignature_IsAcceptedInEitherHexCase()
    {
        var ts = Ts(Now.ToUnixTimeSeconds());

        Assert.Null(Verifier().Check(ts, "tok", WebhookHarness.Sign(ts, "tok")));
        Assert.Null(Verifier().Check(ts, "tok", WebhookHarness.Sign(ts, "tok").ToUpperInvariant()));
    }

    // Rule: the signature must be exactly the 64 hex characters of the HMAC: a prefix, an extra
    // character, non-hex, another token or another key are all bad_signature.
    [Fact]
    public void Check_AnythingButTheExactHmac_IsBadSignature()
    {
        var ts = Ts(Now.ToUnixTimeSeconds());
        var good = WebhookHarness.Sign(ts, "tok");

        Assert.Equal("bad_signature", Verifier().Check(ts, "tok", good[..62]));
        Assert.Equal("bad_signature", Verifier().Check(ts, "tok", good + "00"));
        Assert.Equal("bad_signature", Verifier().Check(ts, "tok", "zz" + good[2..]));
        Assert.Equal("bad_signature", Verifier().Check(ts, "tok", string.Empty));
        Assert.Equal("bad_signature", Verifier().Check(ts, "tok2", good));
        Assert.Equal("bad_signature", new MailgunSignatureVerifier(Encoding.UTF8.GetBytes("another key"), _time, TimeSpan.FromSeconds(300)).Check(ts, "tok", good));
    }

    // Rule: the timestamp may be up to the window away on either side (300 s passes, 301 s is stale).
    [Theory]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    [InlineData(-301, "stale")]
    [InlineData(301, "stale")]
    public void Check_TimestampAtTheWindowEdges(int offset, string? expected)
    {
        var ts = Ts(Now.ToUnixTimeSeconds() + offset);

        Assert.Equal(expected, Verifier().Check(ts, "tok", WebhookHarness.Sign(ts, "tok")));
    }

    // Rule: a signed timestamp that is not plain decimal digits, or beyond year 9999, is stale
    // (never an exception): signs, spaces, fractions and overflow included.
    [Theory]
    [InlineData("+1795435200")]
    [InlineData(" 1795435200")]
    [InlineData("1795435200.5")]
    [InlineData("253402300800")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    public void Check_SignedButUnusableTimestamp_IsStale(string ts)
        => Assert.Equal("stale", Verifier().Check(ts, "tok", WebhookHarness.Sign(ts, "tok")));

    // Rule: the last second of year 9999 is a timestamp (far in the future, so stale), not an overflow.
    [Fact]
    public void Check_LastSecondOfYear9999_IsStaleNotAnError()
        => Assert.Equal("stale", Verifier().Check("253402300799", "tok", WebhookHarness.Sign("253402300799", "tok")));

    // Rule: the window is the configured one, and an empty signing key is a configuration error.
    [Fact]
    public void Verifier_WindowAndKey()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), Verifier().MaxAge);
        Assert.Throws<ArgumentException>(() => new MailgunSignatureVerifier([], _time, TimeSpan.FromSeconds(300)));
    }

    // Rule: a body over 512 KiB is never valid (406); exactly 512 KiB is read.
    [Fact]
    public void Parse_BodyAt512KiBAndOneMore_OnlyTheFirstIsRead()
    {
        var json = _sut.Json("delivered", "ev-size");
        var exact = json + new string(' ', (512 * 1024) - json.Length);

        Assert.NotNull(WebhookBody.Parse("application/json", exact));
        Assert.Null(WebhookBody.Parse("application/json", exact + " "));
    }

    // Rule: JSON nested deeper than 32 levels is never valid; 32 levels are read.
    [Fact]
    public void Parse_NestingOf32And33_OnlyThe32IsRead()
    {
        static string Nested(int depth) => "{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"id\":\"i\",\"event\":\"e\"},\"x\":"
            + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        Assert.NotNull(WebhookBody.Parse("application/json", Nested(32)));
        Assert.Null(WebhookBody.Parse("application/json", Nested(33)));
    }

    // Rule: the JSON fields are read as Mailgun sends them: number or string values, string tags
    // only, message-id from the headers, the delivery code and message (or description).
    [Fact]
    public void Parse_Json_ReadsEveryField()
    {
        const string body = """
            {"signature":{"timestamp":1795435200,"token":"tok","signature":"sig"},
             "event-data":{"id":"ev","event":"failed","timestamp":1795435200.5,"recipient":"a@example.com","severity":"permanent",
               "tags":["stream:financial",7,null,"x"],"message":{"headers":{"message-id":"m@id"}},
               "delivery-status":{"code":550,"description":"gone"}}}
            """;

        var parsed = WebhookBody.Parse("Application/JSON; charset=utf-8", body)!;

        Assert.Equal("1795435200", parsed.Timestamp);
        Assert.Equal("tok", parsed.Token);
        Assert.Equal("sig", parsed.Signature);
        var e = parsed.Event;
        Assert.Equal(("ev", "failed", 1795435200.5, "a@example.com", "permanent"), (e.Id, e.Type, e.Timestamp, e.Recipient, e.Severity));
        Assert.Equal(["stream:financial", "x"], e.Tags);
        Assert.Equal("m@id", e.MessageId);
        Assert.Equal(550, e.DeliveryCode);
        Assert.Equal("gone", e.DeliveryMessage);
    }

    // Rule: optional JSON parts of the wrong shape are left out, not guessed: a non-array tags,
    // a non-object message or headers, a non-integer code, a non-number timestamp.
    [Fact]
    public void Parse_JsonOptionalPartsOfTheWrongShape_AreLeftOut()
    {
        const string body = """
            {"signature":{"timestamp":"1","token":"t","signature":"s"},
             "event-data":{"id":"ev","event":"opened","timestamp":"soon","recipient":true,"tags":"stream:financial",
               "message":{"headers":["message-id"]},"delivery-status":{"code":"550","message":"m"}}}
            """;

        var e = WebhookBody.Parse(null, body)!.Event;

        Assert.Empty(e.Tags);
        Assert.Null(e.MessageId);
        Assert.Null(e.DeliveryCode);
        Assert.Equal("m", e.DeliveryMessage);
        Assert.Equal(0, e.Timestamp);
        Assert.Null(e.Recipient);
    }

    // Rule: a JSON body missing any signed part, the event id or its type, or whose parts are not objects, is never valid.
    [Theory]
    [InlineData("{\"signature\":{\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"id\":\"i\",\"event\":\"e\"}}")]
    [InlineData("{\"signature\":{\"timestamp\":\"1\",\"signature\":\"s\"},\"event-data\":{\"id\":\"i\",\"event\":\"e\"}}")]
    [InlineData("{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\"},\"event-data\":{\"id\":\"i\",\"event\":\"e\"}}")]
    [InlineData("{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"event\":\"e\"}}")]
    [InlineData("{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"id\":\"i\"}}")]
    [InlineData("{\"signature\":{\"timestamp\":\"1\",\"token\":\"t\",\"signature\":\"s\"},\"event-data\":[]}")]
    [InlineData("{\"signature\":\"x\",\"event-data\":{\"id\":\"i\",\"event\":\"e\"}}")]
    [InlineData("{\"signature\":{\"timestamp\":{},\"token\":\"t\",\"signature\":\"s\"},\"event-data\":{\"id\":\"i\",\"event\":\"e\"}}")]
    public void Parse_JsonMissingARequiredPart_IsNull(string body)
        => Assert.Null(WebhookBody.Parse("application/json", body));

    // Rule: legacy forms give the same event: tags from tag and X-Mailgun-Tag, the id from the
    // token when absent, message-id in either spelling, the code and the error or description.
    [Fact]
    public void Parse_LegacyForm_ReadsEveryField()
    {
        const string body = "timestamp=1795435200&token=tok&signature=sig&event=failed&recipient=a%40example.com&severity=permanent"
            + "&tag=stream%3Aoutreach&X-Mailgun-Tag=other&Message-Id=m%40id&code=550&description=gone&tag2=";

        var parsed = WebhookBody.Parse("application/x-www-form-urlencoded; charset=UTF-8", body)!;

        var e = parsed.Event;
        Assert.Equal("legacy-tok", e.Id);
        Assert.Equal(("failed", "a@example.com", "permanent", 1795435200d), (e.Type, e.Recipient, e.Severity, e.Timestamp));
        Assert.Equal(["stream:outreach", "other"], e.Tags);
        Assert.Equal("m@id", e.MessageId);
        Assert.Equal(550, e.DeliveryCode);
        Assert.Equal("gone", e.DeliveryMessage);
    }

    // Rule: a form's own id, message-id and error win over the fallbacks; an empty field counts as absent.
    [Fact]
    public void Parse_LegacyFormWithOwnIds_UsesThem()
    {
        const string body = "timestamp=x&token=tok&signature=sig&event=opened&id=ev-7&message-id=a%40id&Message-Id=b%40id&error=e1&description=d1&code=abc&recipient=";

        var e = WebhookBody.Parse("application/x-www-form-urlencoded", body)!.Event;

        Assert.Equal("ev-7", e.Id);
        Assert.Equal("a@id", e.MessageId);
        Assert.Equal("e1", e.DeliveryMessage);
        Assert.Null(e.DeliveryCode);
        Assert.Null(e.Recipient);
        Assert.Empty(e.Tags);
        Assert.Equal(0, e.Timestamp);
    }

    // Rule: a form missing the timestamp, token, signature or event (or with one empty) is never valid.
    [Theory]
    [InlineData("token=t&signature=s&event=e")]
    [InlineData("timestamp=1&signature=s&event=e")]
    [InlineData("timestamp=1&token=t&event=e")]
    [InlineData("timestamp=1&token=t&signature=s")]
    [InlineData("timestamp=1&token=t&signature=s&event=")]
    public void Parse_FormMissingARequiredField_IsNull(string body)
        => Assert.Null(WebhookBody.Parse("application/x-www-form-urlencoded", body));

    // Rule: an event whose recipient is not a plausible address unsubscribes nobody (it is still
    // recorded, under the hash of what it said, so the event is not processed twice).
    [Theory]
    [InlineData("unsubscribed")]
    [InlineData("complained")]
    public async Task RunAsync_ImplausibleRecipient_ChangesNoContactButRecordsTheEvent(string type)
    {
        var response = await _sut.PostAsync(_sut.Json(type, "ev-bad", recipient: "payee@example.com>, victim@example.com"));

        Assert.Equal(200, response.StatusCode);
        Assert.DoesNotContain(_sut.Subscriptions.Audit.Rows, r => r.Action == AuditAction.Unsubscribe);
        Assert.Equal(_sut.Subscriptions.Services.Hasher.Hash("payee@example.com>, victim@example.com"), _sut.Events.Events["ev-bad"].RecipientHash);
    }

    // Rule: an unsubscribed event without a known stream marker unsubscribes everything, and the
    // audit row says the stream was unmarked (with the event type and delivery code).
    [Fact]
    public async Task RunAsync_UnsubscribedWithoutKnownTag_UnsubscribesEverythingAndSaysUnmarked()
    {
        var response = await _sut.PostAsync(_sut.Json("unsubscribed", "ev-unmarked", tags: ["newsletter", "stream:marketing"]));

        Assert.Equal(200, response.StatusCode);
        Assert.True(_sut.Subscriptions.Contacts["payee@example.com"]!.UnsubscribeAll);
        var detection = _sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!;
        Assert.Equal("unmarked", detection["stream"]);
        Assert.Equal("unsubscribed", detection["reason"]);
        Assert.Equal("unsubscribed", detection["event"]);
        Assert.Equal("550", detection["deliveryCode"]);
    }

    // Rule: a marked unsubscribe records its stream in the audit row.
    [Fact]
    public async Task RunAsync_UnsubscribedWithMarker_RecordsTheStream()
    {
        await _sut.PostAsync(_sut.Json("unsubscribed", "ev-marked", tags: ["stream:outreach"]));

        Assert.Equal("outreach", _sut.Subscriptions.Audit.Rows.Single(r => r.Action == AuditAction.Unsubscribe).Context.Detection!["stream"]);
        Assert.True(_sut.Subscriptions.Contacts["payee@example.com"]!.IsSubscribed(Topics.Financial));
    }

    // Rule: a permanent failure is recognised in any case ("Permanent"); a temporary one changes nothing.
    [Theory]
    [InlineData("Permanent", true)]
    [InlineData("PERMANENT", true)]
    [InlineData("temporary", false)]
    [InlineData(null, false)]
    public async Task RunAsync_FailedSeverity_OnlyPermanentUnsubscribes(string? severity, bool unsubscribes)
    {
        await _sut.PostAsync(_sut.Json("failed", "ev-sev", severity: severity));

        Assert.Equal(unsubscribes, _sut.Subscriptions.Contacts["payee@example.com"]?.UnsubscribeAll ?? false);
    }

    // Rule: an event with no recipient is recorded with an empty hash, and changes nobody.
    [Fact]
    public async Task RunAsync_NoRecipient_RecordedWithEmptyHash()
    {
        var ts = Ts(_sut.Now);
        var signature = WebhookHarness.Sign(ts, "tok-none-0123456789");
        var body = "{\"signature\":{\"timestamp\":\"" + ts + "\",\"token\":\"tok-none-0123456789\",\"signature\":\"" + signature + "\"},\"event-data\":{\"id\":\"ev-none\",\"event\":\"complained\"}}";

        var response = await _sut.PostAsync(body);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(string.Empty, _sut.Events.Events["ev-none"].RecipientHash);
        Assert.Empty(_sut.Subscriptions.Audit.Rows);
    }

    // Rule: a webhook the parser could not read is NotAWebhook from the flow itself (406: Mailgun stops retrying).
    [Fact]
    public async Task RunAsync_NullWebhook_Is406()
    {
        var flow = new MailgunWebhookFlow(Verifier(), _sut.Replay, _sut.Events, _sut.Subscriptions.Services.Subscriptions, _sut.Subscriptions.Services.Hasher, _sut.Counters);

        var outcome = await flow.RunAsync(null, new AuditContext { EventId = "x", Source = AuditSource.Webhook }, default);

        Assert.Equal((MailgunVerdict.NotAWebhook, "not_acceptable"), (outcome.Verdict, outcome.Reason));
    }

    // Rule: the 401's message says which check refused: the timestamp window or the signature.
    [Fact]
    public async Task RunAsync_StaleOrForged_TheMessageSaysWhich()
    {
        var stale = WebhookBody.Parse("application/json", _sut.Json("delivered", "ev-stale", timestamp: _sut.Now - 1000))!;
        var forged = WebhookBody.Parse("application/json", _sut.Json("delivered", "ev-forged", signature: new string('0', 64)))!;

        var staleOutcome = await Flow().RunAsync(stale, Context(), default);
        var forgedOutcome = await Flow().RunAsync(forged, Context(), default);

        Assert.Equal(("stale", "The timestamp is outside the accepted window."), (staleOutcome.Reason, staleOutcome.Message));
        Assert.Equal(("bad_signature", "The signature is invalid."), (forgedOutcome.Reason, forgedOutcome.Message));
    }

    // Rule: the reply to an unsubscribed event says what was done: the marked topic, or everything without a marker.
    [Fact]
    public async Task RunAsync_Unsubscribed_TheMessageNamesTheTopicOrEverything()
    {
        var marked = await Flow().RunAsync(WebhookBody.Parse("application/json", _sut.Json("unsubscribed", "ev-m", tags: ["stream:outreach"]))!, Context(), default);
        var unmarked = await Flow().RunAsync(WebhookBody.Parse("application/json", _sut.Json("unsubscribed", "ev-u", tags: ["spring"]))!, Context(), default);

        Assert.Equal("Unsubscribed from outreach.", marked.Message);
        Assert.Equal("Unsubscribed from everything (no stream marker).", unmarked.Message);
    }

    // Rule: only an outage or this invocation's own deadline releases the token (Mailgun's retry is then accepted); any other
    // failure, a cancellation nobody here asked for included, keeps it used: processing again could repeat an effect whose
    // audit row is already written under the event's id, a change the audit trail would not show.
    [Theory]
    [InlineData("outage", false, true)]
    [InlineData("cancelled", true, true)]
    [InlineData("cancelled", false, false)]
    [InlineData("bug", false, false)]
    public async Task RunAsync_ProcessingFails_OnlyAnOutageOrTheDeadlineReleasesTheToken(string failure, bool deadlinePassed, bool released)
    {
        var token = "tok-" + failure + (deadlinePassed ? "-late" : "-early") + "-0123456789abcdef";
        var webhook = WebhookBody.Parse("application/json", _sut.Json("delivered", "ev-" + failure, token: token))!;
        using var deadline = new CancellationTokenSource();
        Exception thrown = failure switch
        {
            "outage" => new CrmMail.Kernel.DependencyUnavailableException("events table down"),
            "cancelled" => new OperationCanceledException(),
            _ => new InvalidOperationException("bug"),
        };
        var events = new FailingEvents(thrown, () =>
        {
            if (deadlinePassed)
            {
                deadline.Cancel();
            }
        });
        var flow = new MailgunWebhookFlow(Verifier(), _sut.Replay, events, _sut.Subscriptions.Services.Subscriptions, _sut.Subscriptions.Services.Hasher, _sut.Counters);

        Assert.Same(thrown, await Assert.ThrowsAnyAsync<Exception>(() => flow.RunAsync(webhook, Context(), deadline.Token)));
        Assert.Equal(released, await _sut.Replay.TryAcceptAsync(token, TimeSpan.FromMinutes(10), default));
    }

    // Rule: when the release itself fails (the replay table is down too), the caller still sees the first failure.
    [Fact]
    public async Task RunAsync_ReleaseFailsToo_TheFirstFailureIsThrown()
    {
        var webhook = WebhookBody.Parse("application/json", _sut.Json("delivered", "ev-both", token: "tok-both-0123456789abcdef"))!;
        var first = new CrmMail.Kernel.DependencyUnavailableException("events table down");
        var flow = new MailgunWebhookFlow(Verifier(), new ReleaseFails(_sut.Replay), new FailingEvents(first), _sut.Subscriptions.Services.Subscriptions, _sut.Subscriptions.Services.Hasher, _sut.Counters);

        Assert.Same(first, await Assert.ThrowsAsync<CrmMail.Kernel.DependencyUnavailableException>(() => flow.RunAsync(webhook, Context(), default)));
    }

    // Rule: the body limits hold in the parser itself, not only in the HTTP layer: no body and a body over 512 KiB are no webhook.
    [Fact]
    public void ParseJson_NoBodyOrOverTheLimit_IsNull()
    {
        var json = _sut.Json("delivered", "ev-size");
        var exact = json + new string(' ', MailgunWebhookParser.MaxBodyLength - json.Length);

        Assert.Null(MailgunWebhookParser.ParseJson(null));
        Assert.Null(MailgunWebhookParser.ParseJson(string.Empty));
        Assert.NotNull(MailgunWebhookParser.ParseJson(exact));
        Assert.Null(MailgunWebhookParser.ParseJson(exact + " "));
    }

    // Rule: message, delivery-status, client-info and geolocation that are not objects are left out, never an exception.
    [Fact]
    public void ParseJson_OptionalObjectsThatAreNotObjects_AreLeftOut()
    {
        const string body = """
            {"signature":{"timestamp":"1","token":"t","signature":"s"},
             "event-data":{"id":"ev","event":"opened","message":"m@id","delivery-status":"550 gone","client-info":"Gmail","geolocation":["US"]}}
            """;

        var e = MailgunWebhookParser.ParseJson(body)!.Event;

        Assert.Null(e.MessageId);
        Assert.Null(e.DeliveryCode);
        Assert.Null(e.DeliveryMessage);
        Assert.Empty(e.Details!);
    }

    // Rule: the campaign of a Mailgun event is its first tag that is neither empty nor a stream marker.
    [Fact]
    public void DeliveryEvent_Campaign_IsTheFirstNonEmptyTagThatIsNoStreamMarker()
    {
        var e = new MailgunEvent("ev", "delivered", 0, "a@example.com", null, ["", "stream:outreach", "spring-news", "other"], null, null, null, null);

        Assert.Equal("spring-news", MailgunDeliveryEvent.From(e, "hash").Campaign);
    }

    private MailgunWebhookFlow Flow() => new(Verifier(), _sut.Replay, _sut.Events, _sut.Subscriptions.Services.Subscriptions, _sut.Subscriptions.Services.Hasher, _sut.Counters);

    private static AuditContext Context() => new() { EventId = "x", Source = AuditSource.Webhook };

    // An event store that fails; beforeFailing runs first (to let the test's deadline pass at that moment).
    private sealed class FailingEvents(Exception failure, Action? beforeFailing = null) : IMailgunEventStore
    {
        public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken)
        {
            beforeFailing?.Invoke();
            return Task.FromException<bool>(failure);
        }

        public Task RecordAsync(MailgunEvent mailgunEvent, string recipientHash, CancellationToken cancellationToken) => Task.FromException(failure);
    }

    private sealed class ReleaseFails(IMailgunReplayGuard inner) : IMailgunReplayGuard
    {
        public Task<bool> TryAcceptAsync(string token, TimeSpan ttl, CancellationToken cancellationToken) => inner.TryAcceptAsync(token, ttl, cancellationToken);

        public Task ReleaseAsync(string token, CancellationToken cancellationToken) => Task.FromException(new CrmMail.Kernel.DependencyUnavailableException("replay table down"));
    }
}
