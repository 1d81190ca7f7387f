using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// The send gate reads the contact list's topic defaults: a topic whose default is OPT_OUT
/// reaches only contacts who opted in explicitly (issue 20, mutant 6: every other test uses
/// OPT_IN defaults, so a gate that ignored them would mail people who never opted in).
/// </summary>
public class SendGateTopicDefaultTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAuditLog _audit = new();

    private readonly InMemoryContactList _contacts = new()
    {
        TopicDefaults = [new(Topics.Financial, SubscriptionStatus.OptIn), new(Topics.Outreach, SubscriptionStatus.OptOut)],
    };

    private SubscriptionService Create()
        => new(_contacts, new AuditTrail(_audit, new LogAuditFallback(new TestLambdaLogger(), new EmfMetrics(new StringWriter(), _time, "CrmMail"), new PiiHasher(new byte[16]))), _time);

    private static AuditContext Context(string id) => new() { EventId = id, Source = AuditSource.SendGate, RequestId = id, SourceIp = "203.0.113.9", UserAgent = "test" };

    // Rule: a new contact with no preference for an OPT_OUT-default topic is suppressed; an OPT_IN-default topic goes out.
    [Fact]
    public async Task IsSubscribedAsync_NoPreferenceAndTopicDefaultOptOut_IsSuppressed()
    {
        var sut = Create();

        Assert.False(await sut.IsSubscribedAsync("new@example.com", Topics.Outreach, Context("e1"), default));
        Assert.True(await sut.IsSubscribedAsync("new@example.com", Topics.Financial, Context("e2"), default));
    }

    // Rule: an existing contact with preferences for other topics only still gets the OPT_OUT default for this one.
    [Fact]
    public async Task IsSubscribedAsync_PreferencesForOtherTopicsOnly_FallsBackToTheTopicDefault()
    {
        await _contacts.CreateAsync("a@example.com", [new(Topics.Financial, SubscriptionStatus.OptIn)], false, default);

        Assert.False(await Create().IsSubscribedAsync("a@example.com", Topics.Outreach, Context("e1"), default));
    }

    // Rule: an explicit opt-in overrides an OPT_OUT default, and an explicit opt-out overrides an OPT_IN default.
    [Fact]
    public async Task IsSubscribedAsync_ExplicitPreference_WinsOverTheTopicDefault()
    {
        await _contacts.CreateAsync("in@example.com", [new(Topics.Outreach, SubscriptionStatus.OptIn)], false, default);
        await _contacts.CreateAsync("out@example.com", [new(Topics.Financial, SubscriptionStatus.OptOut)], false, default);
        var sut = Create();

        Assert.True(await sut.IsSubscribedAsync("in@example.com", Topics.Outreach, Context("e1"), default));
        Assert.False(await sut.IsSubscribedAsync("out@example.com", Topics.Financial, Context("e2"), default));
    }

    // Rule: a topic with neither a preference nor a default is sent (SES's own fallback is OPT_IN); unsubscribe-all beats everything.
    [Fact]
    public async Task IsSubscribed_UnknownTopicAndUnsubscribeAll_FollowSesPrecedence()
    {
        var contact = new Contact("a@example.com", [new(Topics.Outreach, SubscriptionStatus.OptIn)], false, _contacts.TopicDefaults);
        var everything = contact with { UnsubscribeAll = true };

        Assert.True(contact.IsSubscribed("brand-new-topic"));
        Assert.False(contact.IsSubscribed("brand-new-topic", SubscriptionStatus.OptOut));
        Assert.False(everything.IsSubscribed(Topics.Outreach));
        Assert.False(everything.IsSubscribed(Topics.Financial));
    }
}
