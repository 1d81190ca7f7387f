using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// The contact list in <c>state/contacts.json</c>, with SES's semantics: create fails on an
/// existing contact, update replaces every preference and fails on a missing one, and the list's
/// topics (financial, outreach) default to OPT_IN as the stack's CfnContactList declares.
/// </summary>
public sealed class FileContactList : IContactList, IContactDirectory
{
    /// <summary>The list's topics and their defaults.</summary>
    public static readonly IReadOnlyList<TopicPreference> TopicDefaults = [new(Topics.Financial, SubscriptionStatus.OptIn), new(Topics.Outreach, SubscriptionStatus.OptIn)];

    private readonly JsonFileTable<StoredContact> _table;
    private readonly TimeProvider _timeProvider;

    /// <summary>Opens (or starts) the file.</summary>
    public FileContactList(string path, TimeProvider timeProvider)
    {
        _table = new JsonFileTable<StoredContact>(path, LocalJsonContext.Default.DictionaryStringStoredContact);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Contact>> ListAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<Contact>>([.. _table.All().Select(ToContact).OrderBy(c => c.Email, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<Contact?> GetAsync(string email, CancellationToken cancellationToken)
        => Task.FromResult(_table.Get(email) is { } stored ? ToContact(stored) : null);

    /// <inheritdoc />
    public Task<ContactListOutcome> CreateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
        => Task.FromResult(_table.Update(rows => rows.TryAdd(email, new StoredContact(email, [.. preferences], unsubscribeAll, _timeProvider.GetUtcNow()))
            ? (true, ContactListOutcome.Ok)
            : (false, ContactListOutcome.AlreadyExists)));

    /// <inheritdoc />
    public Task<ContactListOutcome> UpdateAsync(string email, IReadOnlyList<TopicPreference> preferences, bool unsubscribeAll, CancellationToken cancellationToken)
        => Task.FromResult(_table.Update(rows =>
        {
            if (!rows.ContainsKey(email))
            {
                return (false, ContactListOutcome.NotFound);
            }

            rows[email] = new StoredContact(email, [.. preferences], unsubscribeAll, _timeProvider.GetUtcNow());
            return (true, ContactListOutcome.Ok);
        }));

    private static Contact ToContact(StoredContact stored) => new(stored.Email, stored.Preferences, stored.UnsubscribeAll, TopicDefaults);
}
