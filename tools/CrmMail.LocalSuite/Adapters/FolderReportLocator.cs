using CrmMail.Mail.Reports;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Reports in the local reports folder: the bucket's keys as relative paths.</summary>
public sealed class FolderReportLocator(LocalDataDirectory data) : IReportLocator
{
    /// <inheritdoc />
    public Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var path = data.ReportPath(key);
        return Task.FromResult(path is not null && File.Exists(path) ? new ReportObject(key, new FileInfo(path).Length) : null);
    }
}
