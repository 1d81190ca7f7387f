using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>
/// The upload behaviour's edge check, locally: the same rules as the CloudFront Function
/// <c>infra/Edge/gallery-upload-guard.js</c> (which CloudFront runs on viewer requests of the
/// upload behaviour), applied after the signature check. A PUT must carry the signed
/// <c>size</c> and <c>type</c> in its query, a custom policy whose resource is exactly the
/// requested URL (no wildcard: a page's download policy cannot upload), a Content-Type equal to
/// <c>type</c> and a Content-Length equal to <c>size</c>; only keys under <c>spaces/</c>.
/// CloudFront signed URLs cannot bind headers, so this is what binds them.
/// </summary>
public static class UploadGuard
{
    /// <summary>Null when the PUT may proceed, else why not (sent locally as X-Local-Reason).</summary>
    public static string? Check(string url, string rawPath, string rawQuery, string? contentType, long? contentLength)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        if (!rawPath.StartsWith("/cdn/spaces/", StringComparison.Ordinal) && !rawPath.StartsWith("/spaces/", StringComparison.Ordinal))
        {
            return "NotAnUploadPath";
        }

        var query = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToList();
        string? Single(string name) => query.Count(p => p[0] == name) == 1 ? query.First(p => p[0] == name).ElementAtOrDefault(1) : null;
        var size = Single("size");
        var type = Single("type");
        var policy = Single("Policy");
        if (size is null || type is null || policy is null || Single("Expires") is not null)
        {
            return "MissingUploadParameters";
        }

        string? resource;
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(policy.Replace('-', '+').Replace('_', '=').Replace('~', '/')));
            using var document = JsonDocument.Parse(json);
            resource = document.RootElement.GetProperty("Statement")[0].GetProperty("Resource").GetString();
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return "MalformedPolicy";
        }

        if (resource is null || resource.Contains('*', StringComparison.Ordinal) || !string.Equals(resource, url + "?size=" + size + "&type=" + type, StringComparison.Ordinal))
        {
            return "NotAnUploadPolicy";
        }

        if (!string.Equals(contentType, Uri.UnescapeDataString(type), StringComparison.Ordinal))
        {
            return "ContentTypeMismatch";
        }

        if (contentLength is null || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || contentLength != declared)
        {
            return "ContentLengthMismatch";
        }

        return null;
    }
}
