using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting.Metrics;
using CrmMail.Kernel;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Subscriptions.Tests;

public sealed class SubscriptionServiceLeaseTests
{
    private const string Address = "casey@example.com";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAuditLog _audit = new();
    private readonly InProcessContactLease _leases;

    public SubscriptionServiceLeaseTests() => _leases = new InProcessContactLease(_time);

    // Rule: a lease held elsewhere for longer than the wait budget is "try again" (503 / retried
    // event), and nothing is written or audited.
    [Fact]
    public async Task UnsubscribeAsync_LeaseHeldElsewhere_DependencyUnavailableAndNothingChanged()
    {
        var contacts = new InMemoryContactList();
        await contacts.CreateAsync(Address, [], false, default);
        Assert.True(await _leases.TryAcquireAsync(Address, "another-container", TimeSpan.FromMinutes(1), default));
        var sut = Create(contacts);

        var change = sut.UnsubscribeAsync("Casey@Example.com", Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => change);
        Assert.True(contacts[Address]!.IsSubscribed(Topics.Financial));
        Assert.Equal(0, contacts.Updates);
        Assert.Empty(_audit.Rows);
    }

    // Rule: the caller's deadline bounds the wait for the lease, and ends it as "try again".
    [Fact]
    public async Task UnsubscribeAsync_DeadlineWhileWaitingForLease_DependencyUnavailable()
    {
        var contacts = new InMemoryContactList();
        Assert.True(await _leases.TryAcquireAsync(Address, "another-container", TimeSpan.FromMinutes(1), default));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);
        var sut = Create(contacts);

        var change = sut.UnsubscribeAsync(Address, Topics.Financial, Context("e1"), deadline.Token);
        await PumpUntilCompletedAsync(change);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => change);
        Assert.Null(contacts[Address]);
    }

    // Rule: a change whose write has not finished a safety margin before the lease expires is
    // cancelled ("try again"), so no write goes out once another container could hold the lease;
    // the lease is released.
    [Fact]
    public async Task UnsubscribeAsync_WriteOutlivesTheLease_CancelledAndLeaseReleased()
    {
        var contacts = new GatedContactList();
        await contacts.CreateAsync(Address, [], false, default);
        var sut = Create(contacts);

        var change = sut.UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => change);
        Assert.Contains("lease", error.Message, StringComparison.Ordinal);
        Assert.True(contacts[Address]!.IsSubscribed(Topics.Financial));
        Assert.True(await _leases.TryAcquireAsync(Address, "next", TimeSpan.FromSeconds(30), default));
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero) < ContactLeaseOptions.Default.Duration);
    }

    // Rule: a contact stored under an older spelling (the local part's case kept) is found through
    // the spelling the caller gives, copied to the canonical key with its opt-outs, and the change
    // applies there; every spelling then sees it.
    [Fact]
    public async Task UnsubscribeAsync_ContactStoredUnderLegacySpelling_MigratedAndChanged()
    {
        var contacts = new InMemoryContactList();
        await contacts.CreateAsync("Casey@bücher.example", [new(Topics.Outreach, SubscriptionStatus.OptOut)], false, default);
        var sut = Create(contacts);

        var change = await sut.UnsubscribeAsync("Casey@Bücher.example", Topics.Financial, Context("e1"), default);

        var contact = contacts["casey@xn--bcher-kva.example"]!;
        Assert.True(change.Changed);
        Assert.False(contact.IsSubscribed(Topics.Financial));
        Assert.False(contact.IsSubscribed(Topics.Outreach), "the legacy opt-out was not carried over");
        Assert.False(await sut.IsSubscribedAsync("CASEY@XN--BCHER-KVA.EXAMPLE", Topics.Outreach, Context("gate", AuditSource.SendGate), default));
        var migration = _audit.Rows.Single(r => r.Context.EventId == "e1:migrate");
        Assert.Equal(AuditAction.Add, migration.Action);
        Assert.Equal("casey@xn--bcher-kva.example", migration.Email);
        Assert.Equal("canonical-key-migration", migration.Context.Detection!["reason"]);
    }

    // Rule: the send gate finds an opt-out stored under the spelling the CRM sends to, even before
    // any change migrated it.
    [Fact]
    public async Task IsSubscribedAsync_OptOutStoredUnderLegacySpelling_Suppressed()
    {
        var contacts = new InMemoryContactList();
        await contacts.CreateAsync("Casey@example.com", [], unsubscribeAll: true, default);
        var sut = Create(contacts);

        Assert.False(await sut.IsSubscribedAsync("Casey@example.com", Topics.Financial, Context("gate", AuditSource.SendGate), default));
        Assert.False(await sut.IsSubscribedAsync("casey@example.com", Topics.Financial, Context("gate2", AuditSource.SendGate), default));
        Assert.True(contacts[Address]!.UnsubscribeAll);
    }

    private SubscriptionService Create(IContactList contacts)
        => new(contacts, new AuditTrail(_audit, new LogAuditFallback(new TestLambdaLogger(), new EmfMetrics(TextWriter.Null, _time, "CrmMail"), new PiiHasher(new byte[16]))), _time, _leases);

    private static AuditContext Context(string id, AuditSource source = AuditSource.Post) => new() { EventId = id, Source = source, RequestId = id };

    // Advances the fake clock until the task ends (real time only bounds a hang).
    private async Task PumpUntilCompletedAsync(Task task)
    {
        for (var i = 0; i < 20_000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            if (!task.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(50));
            }
        }

        Assert.True(task.IsCompleted, "no progress");
    }
}
