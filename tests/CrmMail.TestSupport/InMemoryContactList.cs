using System.Collections.Concurrent;
using CrmMail.Subscriptions;

namespace CrmMail.TestSupport;

/// <summary>
/// A contact list with SES's semantics: UpdateContact replaces all preferences, and two
/// updates of one contact that overlap in time make the later one fail with
/// ConcurrentModification. <see cref="WriteDelay"/> widens the window to provoke races.
/// </summary>
public sealed class InMemoryContactList : IContactList
{
    private readonly ConcurrentDictionary<string, Contact> _contacts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _writing = new(StringComparer.Ordinal);

    public IReadOnlyList<TopicPreference> TopicDefaults { get; init; } = [new(Topics.Financial, SubscriptionStatus.OptIn), new(Topics.Outreach, SubscriptionStatus.OptIn)];

    public TimeSpan WriteDelay { get; init; }

    public TimeSpan ReadDelay { get; init; }

    public int Updates => _updates;

    /// <summary>Create calls, refused ones included (SES's CreateContact is a request either way).</summary>
    public int Creates => _creates;

    private int _updates;

    private int _creates;

    public Contact? this[string email] => _contacts.TryGetValue(email, out var c) ? c : null;

    public async Task<Contact?> GetAsync(string email, CancellationToken cancellationToken)
    {
        var contact = _contacts.TryGetValue(email, out var found) ? found : null;
        await Task.Delay(ReadDelay, cancellationToken);
        return contact;
    }

    public Task<ContactListOutcome> CreateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _creates);
        return Task.FromResult(_contacts.TryAdd(email, new Contact(email, preferences.ToList(), unsubscribeAll, TopicDefaults)) ? ContactListOutcome.Ok : ContactListOutcome.AlreadyExists);
    }

    public async Task<ContactListOutcome> UpdateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
    {
        if (!_contacts.ContainsKey(email))
        {
            return ContactListOutcome.NotFound;
        }

        if (_writing.AddOrUpdate(email, 1, (_, n) => n + 1) > 1)
        {
            _writing.AddOrUpdate(email, 0, (_, n) => n - 1);
            return ContactListOutcome.ConcurrentModification;
        }

        try
        {
            await Task.Delay(WriteDelay, cancellationToken);
            _contacts[email] = new Contact(email, preferences.ToList(), unsubscribeAll, TopicDefaults);
            Interlocked.Increment(ref _updates);
            return ContactListOutcome.Ok;
        }
        finally
        {
            _writing.AddOrUpdate(email, 0, (_, n) => n - 1);
        }
    }
}
