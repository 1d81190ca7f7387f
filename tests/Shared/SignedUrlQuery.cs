namespace CrmMail.Tests.Shared;

/// <summary>Reads a CloudFront signed URL's query in tests, independently of the signer under test.</summary>
internal static class SignedUrlQuery
{
    /// <summary>The query parameters, values as they stand in the URL (CloudFront's base64 needs no unescaping).</summary>
    public static Dictionary<string, string> Parse(string url)
        => url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>Undoes CloudFront's URL-safe base64 (<c>-</c>→<c>+</c>, <c>_</c>→<c>=</c>, <c>~</c>→<c>/</c>).</summary>
    public static byte[] Decode(string value)
        => Convert.FromBase64String(value.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
}
