namespace CrmMail.Signing.CloudFront;

/// <summary>Rules a URL must meet before it is signed.</summary>
public static class CloudFrontUrl
{
    /// <summary>
    /// True when every character is printable ASCII other than space, quote and backslash.
    /// CloudFront compares the policy's resource with the URL it receives, which is always
    /// percent-encoded ASCII; a raw space or non-ASCII character would yield a link that can
    /// never match, so such input is refused rather than signed.
    /// </summary>
    public static bool IsSignable(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= ' ' or > '~' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    internal static void EnsureSignable(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (!IsSignable(value))
        {
            throw new ArgumentException("A URL to sign must be percent-encoded printable ASCII: no spaces, quotes, backslashes or non-ASCII characters.", parameterName);
        }
    }

    internal static void EnsureHttpUrl(string url, string parameterName)
    {
        EnsureSignable(url, parameterName);
        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Only http and https URLs can be signed.", parameterName);
        }

        if (url.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("A URL to sign cannot carry a fragment.", parameterName);
        }
    }
}
