using CrmMail.Aws.CloudWatch;
using CrmMail.Hosting.Metrics;
using CrmMail.Kernel;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Subscriptions.Audit;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace CrmMail.Subscriptions.Tests;

/// <summary>
/// The checks around one change's write, each driven by a scripted contact list or lease on the
/// fake clock: the read-back, the retry on ConcurrentModification and on a create that lost the
/// race, the lease's budget and its release, and what the change reports (and audits) as made.
/// </summary>
public sealed class SubscriptionServiceWriteCheckTests
{
    private const string Address = "casey@example.com";
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryAuditLog _audit = new();
    private readonly ScriptedContactList _contacts = new();

    // Rule: the read-back proves the write stands: when a writer outside the lease replaced it,
    // the change is written again, and only then reported done.
    [Fact]
    public async Task UnsubscribeAsync_ReadBackShowsWriteReplaced_WritesAgainUntilItStands()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        _contacts.AfterUpdate = async (call, _) =>
        {
            if (call == 1)
            {
                // The console writes the old preferences back right after our write landed.
                await _contacts.Inner.UpdateAsync(Address, [], false, default);
            }
        };

        var change = Create().UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        Assert.True((await change).Changed);
        Assert.False(_contacts.Inner[Address]!.IsSubscribed(Topics.Financial));
        Assert.Equal(2, _contacts.UpdateCalls);
    }

    // Rule: a change whose write landed is reported (and audited) as changed, even when the
    // read-back was stale and the next attempt finds the change already in place.
    [Fact]
    public async Task UnsubscribeAsync_ReadBackStaleThenCurrent_ReportedAndAuditedAsChanged()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        var stale = _contacts.Inner[Address];
        _contacts.ReadOverride = read => read == 2 ? stale : null;

        var change = Create().UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        Assert.True((await change).Changed);
        Assert.Equal(1, _contacts.UpdateCalls);
        Assert.True(_audit.Rows.Single(r => r.Context.EventId == "e1").Changed);
    }

    // Rule: SES ConcurrentModification is retried; when the other writer had made the same
    // change, ours made none and is reported and audited as unchanged (never counted twice).
    [Fact]
    public async Task UnsubscribeAsync_ConcurrentModificationBySameChange_RetriedAndReportedUnchanged()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        _contacts.UpdateOverride = async call =>
        {
            if (call != 1)
            {
                return null;
            }

            await _contacts.Inner.UpdateAsync(Address, [new(Topics.Financial, SubscriptionStatus.OptOut)], false, default);
            return ContactListOutcome.ConcurrentModification;
        };

        var change = Create().UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        Assert.False((await change).Changed);
        Assert.False(_contacts.Inner[Address]!.IsSubscribed(Topics.Financial));
        Assert.False(_audit.Rows.Single(r => r.Context.EventId == "e1").Changed);
    }

    // Rule: a change that never stood after every retry is "try again", never reported done
    // (and so never audited as made).
    [Fact]
    public async Task UnsubscribeAsync_ConcurrentModificationOnEveryAttempt_DependencyUnavailableNotAudited()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        _contacts.UpdateOverride = _ => Task.FromResult<ContactListOutcome?>(ContactListOutcome.ConcurrentModification);
        var longLease = new ContactLeaseOptions(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        var change = Create(leaseOptions: longLease).UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => change);
        Assert.DoesNotContain("lease", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, _contacts.UpdateCalls);
        Assert.True(_contacts.Inner[Address]!.IsSubscribed(Topics.Financial));
        Assert.Empty(_audit.Rows);
    }

    // Rule: when the send gate creates a new contact between our read and our create, the change
    // is applied to the contact it created (an opt-out is never lost to that race).
    [Fact]
    public async Task UnsubscribeAsync_SendGateCreatesContactMeanwhile_OptOutAppliedToIt()
    {
        _contacts.BeforeCreate = async call =>
        {
            if (call == 1)
            {
                await _contacts.Inner.CreateAsync(Address, [], false, default);
            }
        };

        var change = Create().UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        Assert.True((await change).Changed);
        Assert.False(_contacts.Inner[Address]!.IsSubscribed(Topics.Financial));
    }

    // Rule: the contact a change returns is the one the list stored, with the list's topic
    // defaults (an OPT_OUT default stays OPT_OUT for whoever reads the answer).
    [Fact]
    public async Task UnsubscribeAsync_NewContact_ReturnsStoredContactWithListDefaults()
    {
        var contacts = new InMemoryContactList { TopicDefaults = [new(Topics.Outreach, SubscriptionStatus.OptOut)] };

        var change = await Create(contacts).UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);

        Assert.True(change.Created);
        Assert.False(change.Contact.IsSubscribed(Topics.Outreach));
        Assert.Equal(contacts[Address], change.Contact);
    }

    // Rule: a change that could not take the lease never reads or writes the contact, and says why
    // (the lease wait timed out).
    [Fact]
    public async Task UnsubscribeAsync_LeaseHeldElsewhere_NeverTouchesTheContact()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        var leases = new InProcessContactLease(_time);
        Assert.True(await leases.TryAcquireAsync(Address, "another-container", TimeSpan.FromMinutes(1), default));

        var change = Create(lease: leases).UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        var error = await Assert.ThrowsAsync<DependencyUnavailableException>(() => change);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
        Assert.Equal(0, _contacts.Reads);
        Assert.Equal(0, _contacts.UpdateCalls);
    }

    // Rule: a lease store that answers only after the lease's working budget has passed gets no
    // write sent ("try again"): the budget is never negative, it is zero.
    [Fact]
    public async Task UnsubscribeAsync_LeaseGrantedAfterItsBudget_DependencyUnavailableNothingWritten()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        var lease = new ScriptedLease(new InProcessContactLease(_time)) { OnAcquire = () => _time.Advance(ContactLeaseOptions.Default.Duration) };

        var change = Create(lease: lease).UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);
        await PumpUntilCompletedAsync(change);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => change);
        Assert.Equal(0, _contacts.UpdateCalls);
        Assert.True(_contacts.Inner[Address]!.IsSubscribed(Topics.Financial));
    }

    // Rule: a lease release that fails costs nothing but time (the lease expires on its own):
    // the change stands, is answered done, and its audit row is written.
    [Fact]
    public async Task UnsubscribeAsync_LeaseReleaseFails_ChangeStandsAndIsAudited()
    {
        await _contacts.Inner.CreateAsync(Address, [], false, default);
        var lease = new ScriptedLease(new InProcessContactLease(_time)) { FailRelease = true };

        var change = await Create(lease: lease).UnsubscribeAsync(Address, Topics.Financial, Context("e1"), default);

        Assert.True(change.Changed);
        Assert.False(_contacts.Inner[Address]!.IsSubscribed(Topics.Financial));
        Assert.True(_audit.Rows.Single(r => r.Context.EventId == "e1").Changed);
    }

    // Rule: the send gate honours an opt-out stored under the Unicode spelling of the domain with
    // the local part's case kept (an old IDN-reply key) when the CRM sends to the ASCII spelling.
    [Fact]
    public async Task IsSubscribedAsync_OptOutUnderCasedLocalAndUnicodeDomain_SuppressedForAsciiSpelling()
    {
        await _contacts.Inner.CreateAsync("Casey@bücher.example", [], unsubscribeAll: true, default);

        var subscribed = await Create().IsSubscribedAsync("Casey@xn--bcher-kva.example", Topics.Financial, Context("gate"), default);

        Assert.False(subscribed);
        Assert.True(_contacts.Inner["casey@xn--bcher-kva.example"]!.UnsubscribeAll);
    }

    // Rule: the audit row of a canonical-key migration records a change that took effect.
    [Fact]
    public async Task IsSubscribedAsync_LegacySpellingMigrated_MigrationRowIsChanged()
    {
        await _contacts.Inner.CreateAsync("Casey@example.com", [new(Topics.Outreach, SubscriptionStatus.OptOut)], false, default);

        Assert.False(await Create().IsSubscribedAsync("Casey@example.com", Topics.Outreach, Context("gate"), default));

        Assert.True(_audit.Rows.Single(r => r.Context.EventId == "gate:migrate").Changed);
    }

    private SubscriptionService Create(IContactList? contacts = null, IContactLease? lease = null, ContactLeaseOptions? leaseOptions = null)
        => new(
            contacts ?? _contacts,
            new AuditTrail(_audit, new LogAuditFallback(new TestLambdaLogger(), new EmfMetrics(TextWriter.Null, _time, "CrmMail"), new PiiHasher(new byte[16])), _time),
            _time,
            lease ?? new InProcessContactLease(_time),
            leaseOptions);

    private static AuditContext Context(string id) => new() { EventId = id, Source = AuditSource.Post, RequestId = id };

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

    /// <summary>An in-memory list whose calls a test can count, rewrite or precede with another writer's.</summary>
    private sealed class ScriptedContactList : IContactList
    {
        private int _reads;
        private int _creates;
        private int _updates;

        public InMemoryContactList Inner { get; } = new();

        public int Reads => _reads;

        public int UpdateCalls => _updates;

        /// <summary>Given the read's number, a contact to answer instead (null: the stored one).</summary>
        public Func<int, Contact?>? ReadOverride { get; set; }

        public Func<int, Task>? BeforeCreate { get; set; }

        /// <summary>Given the update's number, an outcome to answer instead of writing (null: write).</summary>
        public Func<int, Task<ContactListOutcome?>>? UpdateOverride { get; set; }

        public Func<int, ContactListOutcome, Task>? AfterUpdate { get; set; }

        public async Task<Contact?> GetAsync(string email, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = Interlocked.Increment(ref _reads);
            return ReadOverride?.Invoke(read) ?? await Inner.GetAsync(email, cancellationToken);
        }

        public async Task<ContactListOutcome> CreateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var create = Interlocked.Increment(ref _creates);
            if (BeforeCreate is not null)
            {
                await BeforeCreate(create);
            }

            return await Inner.CreateAsync(email, preferences, unsubscribeAll, cancellationToken);
        }

        public async Task<ContactListOutcome> UpdateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var update = Interlocked.Increment(ref _updates);
            if (UpdateOverride is not null && await UpdateOverride(update) is { } answer)
            {
                return answer;
            }

            var outcome = await Inner.UpdateAsync(email, preferences, unsubscribeAll, cancellationToken);
            if (AfterUpdate is not null)
            {
                await AfterUpdate(update, outcome);
            }

            return outcome;
        }
    }

    /// <summary>A lease store that can answer late (moving the fake clock) or fail its release.</summary>
    private sealed class ScriptedLease(IContactLease inner) : IContactLease
    {
        public Action? OnAcquire { get; init; }

        public bool FailRelease { get; init; }

        public async Task<bool> TryAcquireAsync(string contactKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
        {
            var acquired = await inner.TryAcquireAsync(contactKey, owner, duration, cancellationToken);
            OnAcquire?.Invoke();
            return acquired;
        }

        public Task ReleaseAsync(string contactKey, string owner, CancellationToken cancellationToken)
            => FailRelease ? throw new DependencyUnavailableException("The lease table is unavailable.") : inner.ReleaseAsync(contactKey, owner, cancellationToken);
    }
}
