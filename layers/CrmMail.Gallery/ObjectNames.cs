using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Gallery;

/// <summary>
/// Object keys of uploads and the display names of listed objects. An upload's key is chosen by
/// the server, <c>spaces/ID/yyyyMMddHHmmss-RANDOM-NAME.EXT</c>: unique, sorted by upload time, with
/// the caller's name reduced to <c>[A-Za-z0-9_-]</c> and the extension taken from the accepted
/// content type, so nothing the caller sends can steer the key out of the space or overwrite an object.
/// </summary>
public static class ObjectNames
{
    /// <summary>The longest name kept from the caller's file name.</summary>
    public const int MaxNameLength = 60;

    /// <summary>The key for a new upload of <paramref name="fileName"/> as <paramref name="extension"/> into a space.</summary>
    public static string NewUploadKey(string spaceId, string? fileName, string extension, DateTimeOffset now)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return string.Create(CultureInfo.InvariantCulture, $"{SpaceId.Prefix(spaceId)}{now.UtcDateTime:yyyyMMddHHmmss}-{random}-{Sanitize(fileName)}.{extension}");
    }

    /// <summary>The caller's file name without folders or extension, reduced to letters, digits, '_' and '-' ("image" when nothing is left).</summary>
    public static string Sanitize(string? fileName)
    {
        var name = fileName ?? string.Empty;
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[..dot];
        }

        var clean = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name)
        {
            if (clean.Length == MaxNameLength)
            {
                break;
            }

            var keep = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '-';
            if (keep != '-' || clean.Length > 0 && clean[^1] != '-')
            {
                clean.Append(keep);
            }
        }

        var result = clean.ToString().Trim('-');
        return result.Length == 0 ? "image" : result;
    }

    /// <summary>What a listing shows for a key: the part after the space prefix, without an upload's time and random parts.</summary>
    public static string DisplayName(string key, string prefix)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rest = key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : key;
        // yyyyMMddHHmmss-<16 hex>-name.ext
        if (rest.Length > 32 && rest[14] == '-' && rest[31] == '-' && rest[..14].All(char.IsAsciiDigit) && rest[15..31].All(char.IsAsciiHexDigitLower))
        {
            return rest[32..];
        }

        return rest;
    }
}
