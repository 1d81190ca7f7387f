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
        var policy = "{\"Statement\":[{\"Resource\":\"" + url + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + epoch + "}}}]}";
        return Compose(url, "Expires=" + epoch, Signature(policy));
    }

    /// <summary>Signs <paramref name="url"/> with a custom policy (its resource may be a wildcard covering the URL).</summary>
    public string SignCustom(string url, CloudFrontPolicy policy)
    {
        CloudFrontUrl.EnsureHttpUrl(url, nameof(url));
        ArgumentNullException.ThrowIfNull(policy);
        var json = policy.ToJson();
        return Compose(url, "Policy=" + UrlSafeBase64(Encoding.ASCII.GetBytes(json)), Signature(json));
    }

    /// <summary>CloudFront's URL-safe base64: <c>+</c>→<c>-</c>, <c>=</c>→<c>_</c>, <c>/</c>→<c>~</c>.</summary>
    public static string UrlSafeBase64(ReadOnlySpan<byte> data)
    {
        var length = Base64.GetMaxEncodedToUtf8Length(data.Length);
        return string.Create(length, data.ToArray(), static (chars, bytes) =>
        {
            Convert.TryToBase64Chars(bytes, chars, out _);
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = chars[i] switch
                {
                    '+' => '-',
                    '=' => '_',
                    '/' => '~',
                    var c => c,
                };
            }
        });
    }

    private string Signature(string policy)
    {
        // Policies are ASCII (checked), so one byte per char.
        var policyBytes = ArrayPool<byte>.Shared.Rent(policy.Length);
        Span<byte> signature = stackalloc byte[_key.MaxSignatureSize];
        try
        {
            var length = Encoding.ASCII.GetBytes(policy, policyBytes);
            var written = _key.Sign(policyBytes.AsSpan(0, length), signature, _hashAlgorithm);
            return UrlSafeBase64(signature[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(policyBytes);
        }
    }

    private string Compose(string url, string policyParameter, string signature)
        => string.Concat(url, url.Contains('?', StringComparison.Ordinal) ? "&" : "?", policyParameter, "&Signature=", signature, _keyPairIdSuffix);
}
