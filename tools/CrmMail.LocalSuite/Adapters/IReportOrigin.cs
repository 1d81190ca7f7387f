namespace CrmMail.LocalSuite.Adapters;

/// <summary>The distribution's origin: the reports folder locally, the bucket at an AWS endpoint.</summary>
public interface IReportOrigin
{
    /// <summary>The object, or null when there is none.</summary>
    Task<ReportFile?> OpenAsync(string key, CancellationToken cancellationToken);
}
