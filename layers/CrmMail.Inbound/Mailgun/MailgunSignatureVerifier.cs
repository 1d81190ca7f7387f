using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Inbound.Mailgun;

/// <summary>
/// Mailgun's webhook signature: hex HMAC-SHA256 of <c>timestamp + token</c> under the
/// webhook signing key, compared in constant time; the timestamp must be within the
/// configured age of now (either side). The signature does not cover the body, which is
/// why tokens are also accepted only once (replay store).
/// </summary>
public sealed class MailgunSignatureVerifier
{
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxAge;

    /// <summary>Creates the verifier.</summary>
    public MailgunSignatureVerifier(byte[] signingKey, TimeProvider timeProvider, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.Length == 0)
        {
            throw new ArgumentException("The webhook signing key is empty.", nameof(signingKey));
        }

        _key = signingKey;
        _timeProvider = timeProvider;
        _maxAge = maxAge;
    }

    /// <summary>The maximum accepted age.</summary>
    public TimeSpan MaxAge => _maxAge;

    /// <summary>null when valid; otherwise "bad_signature" or "stale".</summary>
    public string? Check(string timestamp, string token, string signature)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signature);
        var expected = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(timestamp + token));
        byte[] given;
        try
        {
            given = signature.Length == 64 ? Convert.FromHexString(signature) : [];
        }
        catch (FormatException)
        {
            given = [];
        }

        // The length is public (always 32 bytes); the comparison of the bytes is constant-time.
        if (given.Length != expected.Length || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return "bad_signature";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return "stale";
        }

        var age = _timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() > _maxAge ? "stale" : null;
    }
}
