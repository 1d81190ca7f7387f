using System.Buffers.Text;
using System.Text;

namespace CrmMail.Gallery;

/// <summary>
/// The opaque <c>nextToken</c>: the last key of a page, base64url-encoded behind a version tag.
/// Opaque to the caller, checked on the way back: it must decode, and its key must lie inside
/// the space that is being listed (a token from another space, or one that leaves the prefix,
/// is refused), so it can only move the start of a listing the caller may already see.
/// </summary>
public static class PageToken
{
    private const string Version = "v1:";

    /// <summary>S3's longest key (1,024 bytes), with the tag, base64url-encoded.</summary>
    public const int MaxLength = 1400;

    /// <summary>The token that resumes after <paramref name="lastKey"/>.</summary>
    public static string Encode(string lastKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(lastKey);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + lastKey));
    }

    /// <summary>The key to start after, when <paramref name="token"/> is one of ours for <paramref name="prefix"/>.</summary>
    public static bool TryDecode(string token, string prefix, out string startAfter)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(prefix);
        startAfter = string.Empty;
        if (token.Length is 0 or > MaxLength || !Base64Url.IsValid(token))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            return false;
        }

        if (!text.StartsWith(Version, StringComparison.Ordinal))
        {
            return false;
        }

        var key = text[Version.Length..];
        if (key.Length <= prefix.Length || !key.StartsWith(prefix, StringComparison.Ordinal) || key.Any(char.IsControl))
        {
            return false;
        }

        startAfter = key;
        return true;
    }
}
