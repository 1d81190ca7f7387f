using CrmMail.Kernel;
using CrmMail.Subscriptions.Audit;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CrmMail.Subscriptions;

/// <summary>
/// Subscription rules over the contact list, each change followed by its audit row. Every
/// address is keyed by its canonical form (<see cref="EmailAddress.Normalize"/>); a contact
/// stored under an older spelling is found through the spelling the caller gave and carried
/// over to the canonical key. SES UpdateContact replaces every preference and takes no
/// condition, so each change is a read-modify-write-read-back held under a per-contact lease
/// (<see cref="IContactLease"/>) that every container shares: two changes to one contact never
/// interleave, whatever their timing. SES ConcurrentModification (a writer outside the lease,
/// such as the console) is retried with jittered back-off on the injected clock.
/// </summary>
public sealed class SubscriptionService
{
    private const int MaxRetries = 5;
    private static readonly TimeSpan ReleaseBudget = TimeSpan.FromSeconds(2);
    private readonly IContactList _contacts;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _timeProvider;
    private readonly IContactLease _lease;
    private readonly ContactLeaseOptions _leaseOptions;
    private readonly ResiliencePipeline<bool> _leaseWait;
    private readonly ResiliencePipeline<Attempt> _changeRetry;
    private readonly string _instanceId = Guid.NewGuid().ToString("N")[..12];
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private long _operations;

    /// <summary>
    /// Creates the service with leases held in this process only: enough for tests and a
    /// single-process host, not for Lambda (use the constructor that takes a shared lease).
    /// </summary>
    public SubscriptionService(IContactList contacts, AuditTrail audit, TimeProvider timeProvider)
        : this(contacts, audit, timeProvider, new InProcessContactLease(timeProvider ?? throw new ArgumentNullException(nameof(timeProvider))))
    {
    }

    /// <summary>Creates the service over a lease store shared by every container that changes contacts.</summary>
    public SubscriptionService(IContactList contacts, AuditTrail audit, TimeProvider timeProvider, IContactLease lease, ContactLeaseOptions? leaseOptions = null)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(lease);
        _contacts = contacts;
        _audit = audit;
        _timeProvider = timeProvider;
        _lease = lease;
        _leaseOptions = leaseOptions ?? ContactLeaseOptions.Default;
        if (_leaseOptions.SafetyMargin >= _leaseOptions.Duration)
        {
            throw new ArgumentException("The lease's safety margin must be shorter than the lease.", nameof(leaseOptions));
        }

        // Waiting for a held lease: short jittered polls inside a total budget.
        _leaseWait = new ResiliencePipelineBuilder<bool> { TimeProvider = timeProvider }
            .AddTimeout(_leaseOptions.MaxWait)
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome is { Exception: null, Result: false }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(25),
                MaxDelay = TimeSpan.FromMilliseconds(250),
            })
            .Build();

        // One attempt is read, modify, write, read back; it is repeated when SES reports
        // ConcurrentModification or the read-back shows a writer outside the lease replaced ours.
        _changeRetry = new ResiliencePipelineBuilder<Attempt> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome is { Exception: null, Result.Done: false }),
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(40),
            })
            .Build();
    }

    /// <summary>
    /// The contact under the canonical key, carried over from an older spelling or created with
    /// the list's topic defaults (and an "add" audit row) when missing.
    /// </summary>
    public async Task<Contact> EnsureContactAsync(string email, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = EmailAddress.Normalize(email);
        var existing = await FindAsync(key, email, context, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        // A conditional create: it can never replace a contact another writer created meanwhile.
        var outcome = await _contacts.CreateAsync(key, [], unsubscribeAll: false, cancellationToken).ConfigureAwait(false);
        var created = await _contacts.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new DependencyUnavailableException("The contact list did not return a contact it just created.");
        if (outcome == ContactListOutcome.Ok)
        {
            await _audit.RecordAsync(new AuditEntry(key, AuditAction.Add, [], true, _timeProvider.GetUtcNow(), context with { EventId = context.EventId + ":add" }), cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>Whether mail on <paramref name="topic"/> may go to <paramref name="email"/> (the contact is created when missing).</summary>
    public async Task<bool> IsSubscribedAsync(string email, string topic, AuditContext context, CancellationToken cancellationToken)
        => (await EnsureContactAsync(email, context, cancellationToken).ConfigureAwait(false)).IsSubscribed(topic);

    /// <summary>Opts <paramref name="topic"/> out, or everything when it is null. Idempotent.</summary>
    public Task<SubscriptionChange> UnsubscribeAsync(string email, string? topic, AuditContext context, CancellationToken cancellationToken)
    {
        var intent = topic is null
            ? new Intent(c => c.UnsubscribeAll, c => (c.Preferences, true))
            : new Intent(c => !c.IsSubscribed(topic), c => (With(c.Preferences, topic, SubscriptionStatus.OptOut), c.UnsubscribeAll));
        return ChangeAsync(email, AuditAction.Unsubscribe, topic is null ? ["*"] : [topic], intent, context, cancellationToken);
    }

    /// <summary>
    /// Opts <paramref name="topics"/> in again. When the contact had unsubscribed from
    /// everything, the flag is cleared and every other topic is pinned OPT_OUT, so a
    /// resubscribe to one topic never silently re-enables the others.
    /// </summary>
    public Task<SubscriptionChange> ResubscribeAsync(string email, IReadOnlyList<string> topics, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            throw new ArgumentException("Resubscribe needs at least one topic.", nameof(topics));
        }

        var intent = new Intent(
            c => topics.All(t => c.IsSubscribed(t)),
            c =>
            {
                var preferences = c.Preferences;
                if (c.UnsubscribeAll)
                {
                    foreach (var other in c.KnownTopics.Concat(Topics.All).Distinct(StringComparer.Ordinal).Where(t => !topics.Contains(t)))
                    {
                        preferences = With(preferences, other, SubscriptionStatus.OptOut);
                    }
                }

                foreach (var topic in topics)
                {
                    preferences = With(preferences, topic, SubscriptionStatus.OptIn);
                }

                return (preferences, false);
            });
        return ChangeAsync(email, AuditAction.Resubscribe, topics, intent, context, cancellationToken);
    }

    private async Task<SubscriptionChange> ChangeAsync(string email, AuditAction action, IReadOnlyList<string> topics, Intent intent, AuditContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(context);
        var key = EmailAddress.Normalize(email);

        // Changes in this container queue here, so only one of them polls the shared lease.
        var stripe = _stripes[unchecked((int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length))];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        SubscriptionChange change;
        try
        {
            change = await UnderLeaseAsync(key, email, intent, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }

        // The state change is done; the audit row follows (and falls back to the log if it must).
        await _audit.RecordAsync(new AuditEntry(key, action, topics, change.Changed, _timeProvider.GetUtcNow(), context), cancellationToken).ConfigureAwait(false);
        return change;
    }

    private async Task<SubscriptionChange> UnderLeaseAsync(string key, string given, Intent intent, AuditContext context, CancellationToken cancellationToken)
    {
        var owner = _instanceId + ":" + Interlocked.Increment(ref _operations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var takenAt = await AcquireAsync(key, owner, cancellationToken).ConfigureAwait(false);
        try
        {
            // Work under the lease stops a safety margin before it expires: no write is sent once
            // another container could hold the lease.
            var left = takenAt + _leaseOptions.Duration - _leaseOptions.SafetyMargin - _timeProvider.GetUtcNow();
            using var expiry = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
            try
            {
                return await ApplyAsync(key, given, intent, context, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new DependencyUnavailableException("The contact list did not finish the change while its lease was held; try again.", exception);
            }
        }
        finally
        {
            await ReleaseAsync(key, owner).ConfigureAwait(false);
        }
    }

    private async Task<DateTimeOffset> AcquireAsync(string key, string owner, CancellationToken cancellationToken)
    {
        var attemptAt = _timeProvider.GetUtcNow();
        try
        {
            var acquired = await _leaseWait.ExecuteAsync(
                async token =>
                {
                    attemptAt = _timeProvider.GetUtcNow();
                    return await _lease.TryAcquireAsync(key, owner, _leaseOptions.Duration, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return acquired ? attemptAt : throw Busy(null);
        }
        catch (TimeoutRejectedException exception)
        {
            throw Busy(exception);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's deadline came first: answer "try again" rather than nothing.
            throw Busy(exception);
        }

        static DependencyUnavailableException Busy(Exception? inner)
            => new("Another change to this contact is in progress; try again.", inner ?? new TimeoutException("The contact lease was not free in time."));
    }

    private async Task ReleaseAsync(string key, string owner)
    {
        // Its own short budget: the caller's token may be spent (deadline). A release that fails
        // costs nothing but time: the lease expires on its own and nobody else's is touched.
        using var budget = new CancellationTokenSource(ReleaseBudget, _timeProvider);
        try
        {
            await _lease.ReleaseAsync(key, owner, budget.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException or OperationCanceledException)
        {
            // Expiry releases it.
        }
    }

    private async Task<SubscriptionChange> ApplyAsync(string key, string given, Intent intent, AuditContext context, CancellationToken cancellationToken)
    {
        var wrote = false;
        var attempt = await _changeRetry.ExecuteAsync(
            async token =>
            {
                var current = await FindAsync(key, given, context, token).ConfigureAwait(false);
                if (current is null)
                {
                    var empty = new Contact(key, [], false, []);
                    var (preferences, unsubscribeAll) = intent.Apply(empty);
                    if (await _contacts.CreateAsync(key, preferences, unsubscribeAll, token).ConfigureAwait(false) != ContactListOutcome.Ok)
                    {
                        // The send gate created it meanwhile: read it and apply the change to it.
                        return Attempt.Again;
                    }

                    var contact = await _contacts.GetAsync(key, token).ConfigureAwait(false) ?? empty with { Preferences = preferences, UnsubscribeAll = unsubscribeAll };
                    return new Attempt(true, true, true, contact);
                }

                if (intent.IsSatisfiedBy(current))
                {
                    return new Attempt(true, wrote, false, current);
                }

                var (newPreferences, newUnsubscribeAll) = intent.Apply(current);
                if (await _contacts.UpdateAsync(key, newPreferences, newUnsubscribeAll, token).ConfigureAwait(false) != ContactListOutcome.Ok)
                {
                    return Attempt.Again;
                }

                // The read-back proves the change stands; a writer outside the lease that replaced
                // it makes the next attempt apply it again.
                wrote = true;
                var after = await _contacts.GetAsync(key, token).ConfigureAwait(false);
                return after is not null && intent.IsSatisfiedBy(after) ? new Attempt(true, true, false, after) : Attempt.Again;
            },
            cancellationToken).ConfigureAwait(false);
        return attempt.Done
            ? new SubscriptionChange(attempt.Changed, attempt.Created, attempt.Contact!)
            : throw new DependencyUnavailableException("The contact kept changing under concurrent writers; try again.");
    }

    /// <summary>
    /// The contact under <paramref name="key"/>; when missing, under an older spelling of
    /// <paramref name="given"/> (<see cref="EmailAddress.LegacySpellings"/>), whose preferences
    /// are then copied to the canonical key (a conditional create, with an audit row), so every
    /// later lookup by any spelling finds them. The old entry is left as it was.
    /// </summary>
    private async Task<Contact?> FindAsync(string key, string given, AuditContext context, CancellationToken cancellationToken)
    {
        var contact = await _contacts.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (contact is not null)
        {
            return contact;
        }

        foreach (var spelling in EmailAddress.LegacySpellings(given))
        {
            var legacy = await _contacts.GetAsync(spelling, cancellationToken).ConfigureAwait(false);
            if (legacy is null)
            {
                continue;
            }

            var outcome = await _contacts.CreateAsync(key, legacy.Preferences, legacy.UnsubscribeAll, cancellationToken).ConfigureAwait(false);
            if (outcome == ContactListOutcome.Ok)
            {
                var detection = new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = "canonical-key-migration", ["legacySpelling"] = spelling };
                await _audit.RecordAsync(
                    new AuditEntry(key, AuditAction.Add, [], true, _timeProvider.GetUtcNow(), context with { EventId = context.EventId + ":migrate", Detection = detection }),
                    cancellationToken).ConfigureAwait(false);
            }

            return await _contacts.GetAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new DependencyUnavailableException("The contact list did not return a contact it just created.");
        }

        return null;
    }

    private static List<TopicPreference> With(IReadOnlyList<TopicPreference> preferences, string topic, SubscriptionStatus status)
    {
        var list = preferences.Where(p => p.Topic != topic).ToList();
        list.Add(new TopicPreference(topic, status));
        return list;
    }

    private readonly record struct Attempt(bool Done, bool Changed, bool Created, Contact? Contact)
    {
        public static Attempt Again => default;
    }

    private sealed record Intent(Func<Contact, bool> IsSatisfiedBy, Func<Contact, (IReadOnlyList<TopicPreference> Preferences, bool UnsubscribeAll)> Apply);
}
