using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting.Metrics;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests;

public class SubscriptionServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAuditLog _audit = new();
    private readonly TestLambdaLogger _logger = new();
    private readonly StringWriter _metrics = new();

    private SubscriptionService Create(IContactList contacts)
        => new(contacts, new AuditTrail(_audit, new LogAuditFallback(_logger, new EmfMetrics(_metrics, _time, "CrmMail"), new PiiHasher(new byte[16]))), _time);

    private static AuditContext Context(string id, AuditSource source = AuditSource.Post) => new() { EventId = id, Source = source, RequestId = id, SourceIp = "203.0.113.9", UserAgent = "test" };

    [Fact]
    public async Task IsSubscribedAsync_MissingContact_CreatesItWithDefaultsAndAudits()
    {
        var contacts = new InMemoryContactList();
        var sut = Create(contacts);

        var subscribed = await sut.IsSubscribedAsync("payee@Example.COM", Topics.Financial, Context("e1", AuditSource.SendGate), default);

        Assert.True(subscribed);
        Assert.NotNull(contacts["payee@example.com"]);
        var row = Assert.Single(_audit.Rows);
        Assert.Equal(AuditAction.Add, row.Action);
        Assert.Equal(AuditSource.SendGate, row.Context.Source);
    }

    [Fact]
    public async Task UnsubscribeAsync_OneTopic_KeepsTheOtherAndAuditsOnce()
    {
        var contacts = new InMemoryContactList();
        await contacts.CreateAsync("a@example.com", [new(Topics.Outreach, SubscriptionStatus.OptIn)], false, default);
        var sut = Create(contacts);

        var change = await sut.UnsubscribeAsync("a@example.com", Topics.Financial, Context("e1"), default);
        var again = await sut.UnsubscribeAsync("a@example.com", Topics.Financial, Context("e2"), default);

        Assert.True(change.Changed);
        Assert.False(again.Changed);
        var contact = contacts["a@example.com"]!;
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.True(contact.IsSubscribed(Topics.Outreach));
        Assert.Equal([true, false], _audit.Rows.OrderBy(r => r.Context.EventId).Select(r => r.Changed));
        Assert.All(_audit.Rows, r => Assert.Equal(AuditAction.Unsubscribe, r.Action));
    }

    [Fact]
    public async Task UnsubscribeAsync_All_SetsUnsubscribeAll()
    {
        var contacts = new InMemoryContactList();
        var sut = Create(contacts);

        await sut.UnsubscribeAsync("a@example.com", null, Context("e1"), default);

        Assert.True(contacts["a@example.com"]!.UnsubscribeAll);
        Assert.Equal(["*"], _audit.Rows.Single().Topics);
    }

    [Fact]
    public async Task ResubscribeAsync_AfterUnsubscribeAll_ReenablesOnlyTheGivenTopic()
    {
        var contacts = new InMemoryContactList();
        var sut = Create(contacts);
        await sut.UnsubscribeAsync("a@example.com", null, Context("e1"), default);

        await sut.ResubscribeAsync("a@example.com", [Topics.Financial], Context("e2"), default);

        var contact = contacts["a@example.com"]!;
        Assert.False(contact.UnsubscribeAll);
        Assert.True(contact.IsSubscribed(Topics.Financial));
        Assert.False(contact.IsSubscribed(Topics.Outreach));
    }

    [Fact]
    public async Task UnsubscribeAsync_TwoTopicsConcurrentlyInOneContainer_BothSurvive()
    {
        var contacts = new InMemoryContactList { WriteDelay = TimeSpan.FromMilliseconds(30) };
        await contacts.CreateAsync("a@example.com", [], false, default);
        var sut = Create(contacts);

        await Task.WhenAll(
            sut.UnsubscribeAsync("a@example.com", Topics.Financial, Context("e1"), default),
            sut.UnsubscribeAsync("a@example.com", Topics.Outreach, Context("e2"), default));

        var contact = contacts["a@example.com"]!;
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.False(contact.IsSubscribed(Topics.Outreach));
    }

    [Fact]
    public async Task UnsubscribeAsync_AuditStoreDown_ChangeStandsAndRowGoesToLogWithMetric()
    {
        var contacts = new InMemoryContactList();
        _audit.Fail = true;
        var sut = Create(contacts);

        await sut.UnsubscribeAsync("secret.person@example.com", Topics.Outreach, Context("e1"), default);

        Assert.False(contacts["secret.person@example.com"]!.IsSubscribed(Topics.Outreach));
        Assert.Contains(AuditTrail.FallbackMarker, _logger.Buffer, StringComparison.Ordinal);
        Assert.Contains("eventId=e1", _logger.Buffer, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.person", _logger.Buffer, StringComparison.Ordinal);
        Assert.Contains("\"AuditWriteFailed\":1", _metrics.ToString(), StringComparison.Ordinal);
    }
}
