using CrmMail.Signing;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Subscriptions;

/// <summary>
/// Subscription rules over the contact list, each change followed by its audit row.
/// SES UpdateContact replaces every preference it is not given, so each change is a
/// read-modify-write: serialised per address inside the container, retried on
/// ConcurrentModification, and checked by reading back (a write from another container
/// that raced ours and dropped our change is detected and ours is applied again).
/// </summary>
public sealed class SubscriptionService
{
    private const int MaxAttempts = 6;
    private readonly IContactList _contacts;
    private readonly AuditTrail _audit;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Creates the service.</summary>
    public SubscriptionService(IContactList contacts, AuditTrail audit, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _contacts = contacts;
        _audit = audit;
        _timeProvider = timeProvider;
    }

    /// <summary>The contact, created with the list's topic defaults (and an "add" audit row) when missing.</summary>
    public async Task<Contact> EnsureContactAsync(string email, AuditContext context, CancellationToken cancellationToken)
    {
        email = EmailAddress.Normalize(email);
        var existing = await _contacts.GetAsync(email, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var outcome = await _contacts.CreateAsync(email, [], unsubscribeAll: false, cancellationToken).ConfigureAwait(false);
        var created = await _contacts.GetAsync(email, cancellationToken).ConfigureAwait(false)
            ?? throw new DependencyUnavailableException("The contact list did not return a contact it just created.");
        if (outcome == ContactListOutcome.Ok)
        {
            await _audit.RecordAsync(new AuditEntry(email, AuditAction.Add, [], true, _timeProvider.GetUtcNow(), context with { EventId = context.EventId + ":add" }), cancellationToken).ConfigureAwait(false);
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
        email = EmailAddress.Normalize(email);
        var stripe = _stripes[unchecked((int)((uint)StringComparer.Ordinal.GetHashCode(email) % (uint)_stripes.Length))];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        SubscriptionChange change;
        try
        {
            change = await ApplyAsync(email, intent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }

        // The state change is done; the audit row follows (and falls back to the log if it must).
        await _audit.RecordAsync(new AuditEntry(email, action, topics, change.Changed, _timeProvider.GetUtcNow(), context), cancellationToken).ConfigureAwait(false);
        return change;
    }

    private async Task<SubscriptionChange> ApplyAsync(string email, Intent intent, CancellationToken cancellationToken)
    {
        var changed = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                // Jittered back-off (real time, not the injected clock) so racing writers stop colliding.
                await Task.Delay(TimeSpan.FromMilliseconds((20 << attempt) + Random.Shared.Next(0, 50)), cancellationToken).ConfigureAwait(false);
            }

            var current = await _contacts.GetAsync(email, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                var empty = new Contact(email, [], false, []);
                var (preferences, unsubscribeAll) = intent.Apply(empty);
                var created = await _contacts.CreateAsync(email, preferences, unsubscribeAll, cancellationToken).ConfigureAwait(false);
                if (created == ContactListOutcome.Ok)
                {
                    var contact = await _contacts.GetAsync(email, cancellationToken).ConfigureAwait(false) ?? empty with { Preferences = preferences, UnsubscribeAll = unsubscribeAll };
                    return new SubscriptionChange(true, true, contact);
                }

                continue;
            }

            if (intent.IsSatisfiedBy(current))
            {
                return new SubscriptionChange(changed, false, current);
            }

            var (newPreferences, newUnsubscribeAll) = intent.Apply(current);
            var outcome = await _contacts.UpdateAsync(email, newPreferences, newUnsubscribeAll, cancellationToken).ConfigureAwait(false);
            if (outcome == ContactListOutcome.Ok)
            {
                // Loop once more: the read-back confirms the change survived any racing writer.
                changed = true;
            }
        }

        throw new DependencyUnavailableException("The contact kept changing under concurrent writers; try again.");
    }

    private static List<TopicPreference> With(IReadOnlyList<TopicPreference> preferences, string topic, SubscriptionStatus status)
    {
        var list = preferences.Where(p => p.Topic != topic).ToList();
        list.Add(new TopicPreference(topic, status));
        return list;
    }

    private sealed record Intent(Func<Contact, bool> IsSatisfiedBy, Func<Contact, (IReadOnlyList<TopicPreference> Preferences, bool UnsubscribeAll)> Apply);
}
