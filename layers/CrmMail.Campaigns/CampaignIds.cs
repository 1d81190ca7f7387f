using System.Security.Cryptography;

namespace CrmMail.Campaigns;

/// <summary>
/// Fresh ids from a random source (16 bytes, lower-case hex: unguessable, so an id never tells
/// how many campaigns exist), and the check that a path's id has that shape.
/// </summary>
public static class CampaignIds
{
    /// <summary>An id from <paramref name="random"/>.</summary>
    public static string New(RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[16];
        random.GetBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>True when <paramref name="id"/> could be an id (32 lower-case hex digits).</summary>
    public static bool IsWellFormed(string? id)
        => id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
