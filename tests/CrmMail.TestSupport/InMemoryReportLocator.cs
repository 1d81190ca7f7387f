using System.Collections.Concurrent;
using CrmMail.Mail.Reports;

namespace CrmMail.TestSupport;

/// <summary>Report objects by key, in memory; counts lookups.</summary>
public sealed class InMemoryReportLocator : IReportLocator
{
    private int _lookups;

    public ConcurrentDictionary<string, long> Objects { get; } = new(StringComparer.Ordinal);

    public int Lookups => _lookups;

    public Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(Objects.TryGetValue(key, out var size) ? new ReportObject(key, size) : null);
    }
}
