using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CrmMail.Signing.CloudFront;

/// <summary>
/// Signs CloudFront URLs with canned or custom policies, byte for byte as botocore's
/// CloudFrontSigner and <c>aws cloudfront sign</c> do (RSA-SHA1), plus RSA-SHA256 and
/// ECDSA P-256, which carry <c>Hash-Algorithm=SHA256</c>. Thread-safe; the clock is injected.
/// </summary>
public sealed class CloudFrontUrlSigner
{
    private readonly CloudFrontSigningKey _key;
    private readonly TimeProvider _timeProvider;
    private readonly CloudFrontHashAlgorithm _hashAlgorithm;
    private readonly string _keyPairIdSuffix;

    private static ReadOnlySpan<byte> CannedPrefix => "{\"Statement\":[{\"Resource\":\""u8;

    private static ReadOnlySpan<byte> CannedMiddle => "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"u8;

    private static ReadOnlySpan<byte> CannedSuffix => "}}}]}"u8;

    /// <summary>
    /// Creates a signer. RSA keys default to SHA-1 (CloudFront's default); ECDSA keys always
    /// use SHA-256.
    /// </summary>
    public CloudFrontUrlSigner(CloudFrontSigningKey key, TimeProvider timeProvider, CloudFrontHashAlgorithm? hashAlgorithm = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (key.KeyType == CloudFrontKeyType.EcdsaP256 && hashAlgorithm == CloudFrontHashAlgorithm.Sha1)
        {
            throw new ArgumentException("ECDSA keys sign with SHA-256 only.", nameof(hashAlgorithm));
        }

        _key = key;
        _timeProvider = timeProvider;
        _hashAlgorithm = key.KeyType == CloudFrontKeyType.EcdsaP256 ? CloudFrontHashAlgorithm.Sha256 : hashAlgorithm ?? CloudFrontHashAlgorithm.Sha1;
        _keyPairIdSuffix = "&Key-Pair-Id=" + key.KeyPairId + (_hashAlgorithm == CloudFrontHashAlgorithm.Sha256 ? "&Hash-Algorithm=SHA256" : string.Empty);
    }

    /// <summary>The digest this signer uses.</summary>
    public CloudFrontHashAlgorithm HashAlgorithm => _hashAlgorithm;

    /// <summary>The key pair id in every URL.</summary>
    public string KeyPairId => _key.KeyPairId;

    /// <summary>Signs <paramref name="url"/> with a canned policy valid for <paramref name="lifetime"/> from now.</summary>
    public string SignCanned(string url, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A link lifetime must be positive.");
        }

        return SignCanned(url, _timeProvider.GetUtcNow() + lifetime);
    }

    /// <summary>Signs <paramref name="url"/> with a canned policy that expires at <paramref name="expires"/>.</summary>
    public string SignCanned(string url, DateTimeOffset expires)
    {
        CloudFrontUrl.EnsureHttpUrl(url, nameof(url));
        var epoch = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // The hot path of send-mail: the policy is assembled as ASCII bytes in one buffer.
        var length = CannedPrefix.Length + url.Length + CannedMiddle.Length + epoch.Length + CannedSuffix.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var policy = rented.AsSpan(0, length);
            CannedPrefix.CopyTo(policy);
            var offset = CannedPrefix.Length;
            offset += Encoding.ASCII.GetBytes(url, policy[offset..]);
            CannedMiddle.CopyTo(policy[offset..]);
            offset += CannedMiddle.Length;
            offset += Encoding.ASCII.GetBytes(epoch, policy[offset..]);
            CannedSuffix.CopyTo(policy[offset..]);
            return Compose(url, "Expires=", epoch, policy);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Signs <paramref name="url"/> with a custom policy (its resource may be a wildcard covering the URL).</summary>
    public string SignCustom(string url, CloudFrontPolicy policy)
    {
        CloudFrontUrl.EnsureHttpUrl(url, nameof(url));
        ArgumentNullException.ThrowIfNull(policy);
        var json = Encoding.ASCII.GetBytes(policy.ToJson());
        return Compose(url, "Policy=", UrlSafeBase64(json), json);
    }

    /// <summary>CloudFront's URL-safe base64: <c>+</c>→<c>-</c>, <c>=</c>→<c>_</c>, <c>/</c>→<c>~</c>.</summary>
    public static string UrlSafeBase64(ReadOnlySpan<byte> data)
    {
        Span<char> chars = data.Length <= 1024 ? stackalloc char[Base64.GetMaxEncodedToUtf8Length(data.Length)] : new char[Base64.GetMaxEncodedToUtf8Length(data.Length)];
        var written = ToUrlSafeBase64(data, chars);
        return new string(chars[..written]);
    }

    private static int ToUrlSafeBase64(ReadOnlySpan<byte> data, Span<char> chars)
    {
        Convert.TryToBase64Chars(data, chars, out var written);
        for (var i = 0; i < written; i++)
        {
            chars[i] = chars[i] switch
            {
                '+' => '-',
                '=' => '_',
                '/' => '~',
                var c => c,
            };
        }

        return written;
    }

    // One allocation for the whole URL: url ? policyName policyValue &Signature= sig &Key-Pair-Id=...
    private string Compose(string url, string policyName, string policyValue, ReadOnlySpan<byte> policy)
    {
        Span<byte> signature = stackalloc byte[_key.MaxSignatureSize];
        var signatureLength = _key.Sign(policy, signature, _hashAlgorithm);
        Span<char> encoded = stackalloc char[Base64.GetMaxEncodedToUtf8Length(signatureLength)];
        var encodedLength = ToUrlSafeBase64(signature[..signatureLength], encoded);
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return string.Concat([url, separator, policyName, policyValue, "&Signature=", new string(encoded[..encodedLength]), _keyPairIdSuffix]);
    }
}
