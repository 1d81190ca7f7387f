using System.Collections.Concurrent;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.TestSupport;

/// <summary>An audit log in memory, idempotent per event id; can be told to fail.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly ConcurrentDictionary<string, AuditEntry> _rows = new(StringComparer.Ordinal);

    public bool Fail { get; set; }

    public IReadOnlyCollection<AuditEntry> Rows => _rows.Values.ToList();

    public Task<bool> WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
        => Fail ? throw new IOException("audit store down") : Task.FromResult(_rows.TryAdd(entry.Context.EventId, entry));

    public Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<AuditEntry>>(_rows.Values.Where(r => r.Email == email).OrderByDescending(r => r.Timestamp).Take(limit).ToList());
}
