using CrmMail.Kernel;

namespace CrmMail.Mail.Reports;

/// <summary>Where report files live (S3 HeadObject in AWS, a folder locally). Transient failures throw DependencyUnavailableException.</summary>
public interface IReportLocator
{
    /// <summary>The object, or null when it does not exist.</summary>
    Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken);
}
