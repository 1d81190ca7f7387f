using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// Subscription changes from states other than "unsubscribed from everything": partial
/// opt-outs, contacts already in the wanted state, contacts that do not exist yet, and the audit
/// row each change writes (its topics, its changed flag, its idempotent event id).
/// </summary>
public class SubscriptionServiceRuleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAuditLog _audit = new();
    private readonly InMemoryContactList _contacts = new();

    private SubscriptionService Create()
        => new(_contacts, new AuditTrail(_audit, new LogAuditFallback(new TestLambdaLogger(), new EmfMetrics(new StringWriter(), _time, "CrmMail"), new PiiHasher(new byte[16])), _time), _time);

    private static AuditContext Context(string id) => new() { EventId = id, Source = AuditSource.Post };

    private static TopicPreference Pref(string topic, SubscriptionStatus status) => new(topic, status);

    // Rule: resubscribing one topic after a one-topic opt-out re-enables only that topic and
    // leaves another topic's opt-out, and the unsubscribe-all flag, as they were.
    [Fact]
    public async Task ResubscribeAsync_AfterTwoTopicOptOuts_ReenablesOnlyTheGivenTopic()
    {
        await _contacts.CreateAsync("a@example.com", [Pref(Topics.Financial, SubscriptionStatus.OptOut), Pref(Topics.Outreach, SubscriptionStatus.OptOut)], false, default);

        var change = await Create().ResubscribeAsync("a@example.com", [Topics.Outreach], Context("r1"), default);

        Assert.True(change.Changed);
        Assert.False(change.Created);
        var contact = _contacts["a@example.com"]!;
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.False(contact.UnsubscribeAll);
        var row = Assert.Single(_audit.Rows);
        Assert.Equal((AuditAction.Resubscribe, true), (row.Action, row.Changed));
        Assert.Equal([Topics.Outreach], row.Topics);
        Assert.Equal("r1", row.Context.EventId);
    }

    // Rule: resubscribing a topic the contact already receives changes nothing and writes a row saying so.
    [Fact]
    public async Task ResubscribeAsync_AlreadySubscribed_ChangesNothing()
    {
        await _contacts.CreateAsync("a@example.com", [Pref(Topics.Financial, SubscriptionStatus.OptIn)], false, default);

        var change = await Create().ResubscribeAsync("a@example.com", [Topics.Financial], Context("r1"), default);

        Assert.False(change.Changed);
        Assert.Equal(0, _contacts.Updates);
        Assert.False(Assert.Single(_audit.Rows).Changed);
    }

    // Rule: after unsubscribe-all, resubscribing two topics re-enables both and pins every other
    // known topic OPT_OUT (a topic only the contact list's defaults know, too).
    [Fact]
    public async Task ResubscribeAsync_TwoTopicsAfterUnsubscribeAll_PinsTheRestOut()
    {
        await _contacts.CreateAsync("a@example.com", [Pref("legacy-topic", SubscriptionStatus.OptIn)], true, default);

        await Create().ResubscribeAsync("a@example.com", [Topics.Financial, Topics.Outreach], Context("r1"), default);

        var contact = _contacts["a@example.com"]!;
        Assert.False(contact.UnsubscribeAll);
        Assert.True(contact.IsSubscribed(Topics.Financial));
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        Assert.False(contact.IsSubscribed("legacy-topic"));
    }

    // Rule: a resubscribe names at least one topic.
    [Fact]
    public async Task ResubscribeAsync_NoTopic_IsAnArgumentError()
        => await Assert.ThrowsAsync<ArgumentException>(() => Create().ResubscribeAsync("a@example.com", [], Context("r1"), default));

    // Rule: unsubscribing an address the list does not know creates the contact already opted
    // out (Created and Changed), so the very next send is suppressed.
    [Fact]
    public async Task UnsubscribeAsync_UnknownContact_IsCreatedOptedOut()
    {
        var sut = Create();

        var change = await sut.UnsubscribeAsync("New@Example.com", Topics.Financial, Context("u1"), default);

        Assert.True(change.Changed);
        Assert.True(change.Created);
        Assert.False(_contacts["new@example.com"]!.IsSubscribed(Topics.Financial));
        Assert.True(_contacts["new@example.com"]!.IsSubscribed(Topics.Outreach));
        Assert.False(await sut.IsSubscribedAsync("new@example.com", Topics.Financial, Context("g1"), default));
        Assert.Equal("new@example.com", Assert.Single(_audit.Rows, r => r.Action == AuditAction.Unsubscribe).Email);
    }

    // Rule: unsubscribe-all on a contact already unsubscribed from everything changes nothing.
    [Fact]
    public async Task UnsubscribeAsync_AllTwice_SecondChangesNothing()
    {
        var sut = Create();
        await sut.UnsubscribeAsync("a@example.com", null, Context("u1"), default);
        var updates = _contacts.Updates;

        var again = await sut.UnsubscribeAsync("a@example.com", null, Context("u2"), default);

        Assert.False(again.Changed);
        Assert.False(again.Created);
        Assert.Equal(updates, _contacts.Updates);
        Assert.True(again.Contact.UnsubscribeAll);
    }

    // Rule: a one-topic unsubscribe keeps the contact's other preferences exactly (no topic dropped or duplicated).
    [Fact]
    public async Task UnsubscribeAsync_OneTopic_KeepsOtherPreferences()
    {
        await _contacts.CreateAsync("a@example.com", [Pref(Topics.Financial, SubscriptionStatus.OptIn), Pref(Topics.Outreach, SubscriptionStatus.OptIn), Pref("x", SubscriptionStatus.OptOut)], false, default);

        await Create().UnsubscribeAsync("a@example.com", Topics.Financial, Context("u1"), default);

        var preferences = _contacts["a@example.com"]!.Preferences.OrderBy(p => p.Topic, StringComparer.Ordinal).ToList();
        Assert.Equal([Pref(Topics.Financial, SubscriptionStatus.OptOut), Pref(Topics.Outreach, SubscriptionStatus.OptIn), Pref("x", SubscriptionStatus.OptOut)], preferences);
    }

    // Rule: the send gate's first look at an address writes one "add" row under the caller's event
    // id + ":add", stamped with the injected clock; a second look writes nothing.
    [Fact]
    public async Task EnsureContactAsync_NewThenKnown_OneAddRow()
    {
        var sut = Create();

        await sut.EnsureContactAsync("a@example.com", Context("send-1"), default);
        _time.Advance(TimeSpan.FromMinutes(1));
        await sut.EnsureContactAsync("a@example.com", Context("send-2"), default);

        var row = Assert.Single(_audit.Rows);
        Assert.Equal((AuditAction.Add, "send-1:add", true), (row.Action, row.Context.EventId, row.Changed));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), row.Timestamp);
    }

    // Rule: the send gate's look at a known contact is one read: no create is attempted (each is a
    // request against SES's contact-list quota, on every recipient of every send).
    [Fact]
    public async Task EnsureContactAsync_KnownContact_AttemptsNoCreate()
    {
        var sut = Create();
        await sut.EnsureContactAsync("a@example.com", Context("send-1"), default);
        var creates = _contacts.Creates;

        await sut.EnsureContactAsync("A@Example.com", Context("send-2"), default);

        Assert.Equal(1, creates);
        Assert.Equal(creates, _contacts.Creates);
    }

    // Rule: a lease whose safety margin is not shorter than the lease itself is a configuration error.
    [Fact]
    public void Constructor_SafetyMarginNotShorterThanLease_IsRefused()
        => Assert.Throws<ArgumentException>(() => new SubscriptionService(
            _contacts,
            new AuditTrail(_audit, new LogAuditFallback(new TestLambdaLogger(), new EmfMetrics(new StringWriter(), _time, "CrmMail"), new PiiHasher(new byte[16])), _time),
            _time,
            new InProcessContactLease(_time),
            new ContactLeaseOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))));
}
