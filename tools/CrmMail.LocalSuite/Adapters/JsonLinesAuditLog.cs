using System.Text.Json;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.LocalSuite.Adapters;

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
            // Canonical on both sides: rows written before addresses were canonical still show.
            var key = EmailAddress.Normalize(email);
            IReadOnlyList<AuditEntry> rows = [.. _rows.Where(r => EmailAddress.Normalize(r.Email) == key).OrderByDescending(r => r.Timestamp).Take(limit)];
            return Task.FromResult(rows);
        }
    }
}
