using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace CrmMail.Aws.SigV4;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with AWS Signature Version 4 for the services
/// whose SDK packages are not served here (SES v2, Secrets Manager). The canonical request is
/// built here, as botocore builds it (every header but the unsigned ones, non-S3 path
/// double-encoding); the signing key derivation and the final HMAC are AWSSDK.Core's
/// <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>,
/// which caches derived keys.
/// </summary>
public sealed class SigV4RequestSigner
{
    /// <summary>The date format of <c>X-Amz-Date</c>.</summary>
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    // botocore's SIGNED_HEADERS_BLACKLIST, plus headers the HTTP stack adds after signing.
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id",
        "content-length", "amz-sdk-invocation-id", "amz-sdk-request", "connection",
    };

    private readonly string _service;
    private readonly string _region;

    /// <summary>Creates a signer for a signing name (e.g. <c>ses</c>) and region.</summary>
    public SigV4RequestSigner(string service, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        _service = service;
        _region = region;
    }

    /// <summary>
    /// Adds X-Amz-Date, X-Amz-Security-Token (when the credentials carry one) and Authorization.
    /// <paramref name="body"/> must be the exact bytes of the request content.
    /// </summary>
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, ImmutableCredentials credentials, DateTimeOffset signingTime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Remove("X-Amz-Security-Token");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", signingTime.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        var (canonicalRequest, signedHeaders) = CanonicalRequest(request.Method.Method, uri, Headers(request), body);
        var result = AWS4Signer.ComputeSignature(credentials, _region, signingTime.UtcDateTime, _service, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>The canonical request and the signed-header list, per the SigV4 specification.</summary>
    internal static (string CanonicalRequest, string SignedHeaders) CanonicalRequest(
        string method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body)
    {
        var canonicalHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : uri.Authority,
        };
        foreach (var (name, value) in headers)
        {
            if (!UnsignedHeaders.Contains(name))
            {
                var key = name.ToLowerInvariant();
                var normalized = CollapseSpaces(value);
                canonicalHeaders[key] = canonicalHeaders.TryGetValue(key, out var existing) ? existing + "," + normalized : normalized;
            }
        }

        var signedHeaders = string.Join(';', canonicalHeaders.Keys);
        var builder = new StringBuilder(512)
            .Append(method).Append('\n')
            .Append(CanonicalPath(uri.AbsolutePath)).Append('\n')
            .Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));
        return (builder.ToString(), signedHeaders);
    }

    /// <summary>RFC 3986 encoding (unreserved characters kept), optionally keeping '/'.</summary>
    internal static string UriEncode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<KeyValuePair<string, string>> Headers(HttpRequestMessage request)
    {
        foreach (var header in request.Headers)
        {
            yield return new(header.Key, string.Join(',', header.Value));
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                yield return new(header.Key, string.Join(',', header.Value));
            }
        }
    }

    // Non-S3 services sign the path as sent, encoded once more (botocore and the SigV4 test suite do so).
    private static string CanonicalPath(string path) => path.Length == 0 ? "/" : UriEncode(path, keepSlash: true);

    private static string CanonicalQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = query[1..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
                return (Name: UriEncode(name, keepSlash: false), Value: UriEncode(value, keepSlash: false));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        var previousSpace = false;
        foreach (var c in trimmed)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }

            previousSpace = c == ' ';
            builder.Append(c);
        }

        return builder.ToString();
    }
}
