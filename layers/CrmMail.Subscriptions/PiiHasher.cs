using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Subscriptions;

/// <summary>
/// A keyed hash of an e-mail address for logs, metrics and tags: stable for one deployment,
/// useless without the key (a plain hash of an address is reversible by dictionary).
/// </summary>
public sealed class PiiHasher
{
    private readonly byte[] _key;

    /// <summary>Creates the hasher; the key is at least 16 bytes.</summary>
    public PiiHasher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The PII hash key is at least 16 bytes.", nameof(key));
        }

        _key = key;
    }

    /// <summary>16 hex characters of HMAC-SHA256 over the normalised address.</summary>
    public string Hash(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(EmailAddress.Normalize(email)), mac);
        return Convert.ToHexStringLower(mac[..8]);
    }
}
