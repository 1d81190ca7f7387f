using CrmMail.Gallery;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>
/// The bucket's objects under a prefix from the local bucket folder (the reports folder, which
/// the CloudFront stand-in serves): keys are the relative paths with '/', in ordinal order as S3
/// lists them, resumed after a key like ListObjectsV2's StartAfter.
/// </summary>
public sealed class FolderImageStore(LocalDataDirectory data) : IImageStore
{
    /// <inheritdoc />
    public Task<ImageListing> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var folder = data.ReportPath(prefix.TrimEnd('/'));
        if (folder is null || !Directory.Exists(folder))
        {
            return Task.FromResult(new ImageListing([], false));
        }

        var keys = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => (File: f, Key: Path.GetRelativePath(data.Reports, f).Replace(Path.DirectorySeparatorChar, '/')))
            .Where(k => startAfter is null || string.CompareOrdinal(k.Key, startAfter) > 0)
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .Take(maxKeys + 1)
            .ToList();
        var items = keys.Take(maxKeys).Select(k =>
        {
            var info = new FileInfo(k.File);
            return new StoredImage(k.Key, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
        }).ToList();
        return Task.FromResult(new ImageListing(items, keys.Count > maxKeys));
    }
}
