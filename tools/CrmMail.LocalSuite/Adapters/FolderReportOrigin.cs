using Microsoft.AspNetCore.StaticFiles;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Reports from the local folder.</summary>
public sealed class FolderReportOrigin(LocalDataDirectory data) : IReportOrigin
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <inheritdoc />
    public Task<ReportFile?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = data.ReportPath(key);
        if (path is null || !File.Exists(path))
        {
            return Task.FromResult<ReportFile?>(null);
        }

        var type = ContentTypes.TryGetContentType(path, out var found) ? found : "application/octet-stream";
        var stream = File.OpenRead(path);
        return Task.FromResult<ReportFile?>(new ReportFile(stream, stream.Length, type));
    }
}
