using System.Text.Json;
using CrmMail.Signing.Tokens;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

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

/// <summary>
/// The audit trail as JSON lines in <c>state/audit.jsonl</c>: appended, never rewritten; one row
/// per event id, as the DynamoDB table's conditional put guarantees.
/// </summary>
public sealed class JsonLinesAuditLog : IAuditLog
{
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _rows = [];
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);

    /// <summary>Opens (or starts) the file.</summary>
    public JsonLinesAuditLog(string path)
    {
        _path = path;
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                var entry = JsonSerializer.Deserialize(line, LocalLineJsonContext.Default.AuditEntry)!;
                _rows.Add(entry);
                _eventIds.Add(entry.Context.EventId);
            }
        }
    }

    /// <inheritdoc />
    public Task<bool> WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.Serialize(entry, LocalLineJsonContext.Default.AuditEntry);
        lock (_gate)
        {
            if (!_eventIds.Add(entry.Context.EventId))
            {
                return Task.FromResult(false);
            }

            File.AppendAllText(_path, line + "\n");
            _rows.Add(entry);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<AuditEntry> rows = [.. _rows.Where(r => r.Email == email).OrderByDescending(r => r.Timestamp).Take(limit)];
            return Task.FromResult(rows);
        }
    }
}

/// <summary>The data-key registry in <c>state/token-keys.json</c>.</summary>
public sealed class FileWrappedKeyStore(string path) : IWrappedKeyStore
{
    private readonly JsonFileTable<WrappedDataKey> _table = new(path, LocalJsonContext.Default.DictionaryStringWrappedDataKey);

    /// <inheritdoc />
    public Task PutAsync(WrappedDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var added = _table.Update(rows => rows.TryAdd(key.IdHex, key) ? (true, true) : (false, false));
        return added ? Task.CompletedTask : throw new InvalidOperationException($"Data key {key.IdHex} exists already.");
    }

    /// <inheritdoc />
    public Task<WrappedDataKey?> GetAsync(string idHex, CancellationToken cancellationToken) => Task.FromResult(_table.Get(idHex));
}
