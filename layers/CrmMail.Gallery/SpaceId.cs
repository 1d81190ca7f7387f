namespace CrmMail.Gallery;

/// <summary>
/// A space's id: 1 to 63 characters of lower-case ASCII letters, digits and hyphens, starting
/// with a letter or digit. The syntax is the whole defence of the S3 prefix and the policy
/// resource built from it: no <c>/</c>, <c>..</c>, <c>*</c>, <c>?</c>, quote or escape can get in.
/// </summary>
public static class SpaceId
{
    /// <summary>The longest id.</summary>
    public const int MaxLength = 63;

    /// <summary>True when <paramref name="value"/> is a well-formed space id.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !char.IsAsciiLetterLower(value[0]) && !char.IsAsciiDigit(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The object-key prefix of a valid space: <c>spaces/ID/</c>.</summary>
    public static string Prefix(string spaceId)
    {
        if (!IsValid(spaceId))
        {
            throw new ArgumentException("Not a valid space id.", nameof(spaceId));
        }

        return "spaces/" + spaceId + "/";
    }
}
