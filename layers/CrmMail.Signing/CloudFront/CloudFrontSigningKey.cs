using System.Security.Cryptography;
using CrmMail.Signing.Internal;

namespace CrmMail.Signing.CloudFront;

/// <summary>
/// A CloudFront private key, parsed once from PEM (PKCS#1, PKCS#8 or SEC1) and shared by
/// every thread: the OpenSSL-backed <see cref="RSA"/> creates a fresh signing context per call,
/// and ECDSA keeps one libcrypto context per thread (<see cref="OpenSslEcdsaSigner"/>), so
/// concurrent signing needs no lock (tests check both).
/// </summary>
public sealed class CloudFrontSigningKey : IDisposable
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ecdsa;
    private readonly OpenSslEcdsaSigner? _libCryptoEcdsa;

    private CloudFrontSigningKey(string keyPairId, RSA? rsa, ECDsa? ecdsa)
    {
        KeyPairId = keyPairId;
        _rsa = rsa;
        _ecdsa = ecdsa;
        if (ecdsa is not null && OperatingSystem.IsLinux())
        {
            _libCryptoEcdsa = OpenSslEcdsaSigner.TryCreate(ecdsa);
        }

        KeyType = rsa is not null ? CloudFrontKeyType.Rsa : CloudFrontKeyType.EcdsaP256;
        MaxSignatureSize = rsa is not null ? rsa.KeySize / 8 : ecdsa!.GetMaxSignatureSize(DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>The id of the public key in CloudFront (the <c>Key-Pair-Id</c> query parameter).</summary>
    public string KeyPairId { get; }

    /// <summary>RSA or ECDSA P-256.</summary>
    public CloudFrontKeyType KeyType { get; }

    internal int MaxSignatureSize { get; }

    /// <summary>
    /// True when this ECDSA key signs through per-thread libcrypto contexts (Linux with OpenSSL 3),
    /// false for RSA keys and where ECDSA falls back to <see cref="ECDsa"/>. Diagnostic only: both
    /// paths write the same DER signatures.
    /// </summary>
    public bool UsesLibCryptoContexts => _libCryptoEcdsa is not null;

    /// <summary>
    /// Parses <paramref name="pem"/>. Accepts <c>RSA PRIVATE KEY</c> (PKCS#1), <c>PRIVATE KEY</c>
    /// (PKCS#8, RSA or EC) and <c>EC PRIVATE KEY</c> (SEC1). Refuses encrypted keys, RSA keys
    /// under 2048 bits and EC curves other than P-256, which CloudFront would reject.
    /// </summary>
    /// <exception cref="CloudFrontKeyException">The key is unusable; the message says why.</exception>
    public static CloudFrontSigningKey FromPem(string keyPairId, ReadOnlySpan<char> pem)
    {
        ValidateKeyPairId(keyPairId);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CloudFrontKeyException("No PEM block found in the private key.");
        }

        var label = pem[fields.Label];
        return label switch
        {
            "RSA PRIVATE KEY" => new CloudFrontSigningKey(keyPairId, ImportRsa(pem), null),
            "EC PRIVATE KEY" => new CloudFrontSigningKey(keyPairId, null, ImportEcdsa(pem)),
            "PRIVATE KEY" => FromPkcs8(keyPairId, pem),
            "ENCRYPTED PRIVATE KEY" => throw new CloudFrontKeyException("The private key is encrypted; store it unencrypted in Secrets Manager."),
            _ => throw new CloudFrontKeyException($"Unsupported PEM label '{label}': expected RSA PRIVATE KEY, PRIVATE KEY or EC PRIVATE KEY."),
        };
    }

    /// <summary>
    /// Signs <paramref name="data"/> into <paramref name="destination"/>; returns the bytes written.
    /// Tests pass <paramref name="libCrypto"/> false to exercise the <see cref="ECDsa"/> fallback
    /// used where libcrypto 3 is absent.
    /// </summary>
    internal int Sign(ReadOnlySpan<byte> data, Span<byte> destination, CloudFrontHashAlgorithm hashAlgorithm, bool libCrypto = true)
    {
        bool done;
        int written;
        if (_rsa is not null)
        {
            var hash = hashAlgorithm == CloudFrontHashAlgorithm.Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
            done = _rsa.TrySignData(data, destination, hash, RSASignaturePadding.Pkcs1, out written);
        }
        else
        {
            // CloudFront reads ECDSA signatures DER-encoded (as OpenSSL and `aws cloudfront sign` write them).
            if (libCrypto && _libCryptoEcdsa is not null)
            {
                return _libCryptoEcdsa.SignData(data, destination);
            }

            done = _ecdsa!.TrySignData(data, destination, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence, out written);
        }

        return done ? written : throw new CryptographicException("The signature buffer was too small.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rsa?.Dispose();
        _libCryptoEcdsa?.Dispose();
        _ecdsa?.Dispose();
    }

    private static CloudFrontSigningKey FromPkcs8(string keyPairId, ReadOnlySpan<char> pem)
    {
        // PKCS#8 names its algorithm inside the DER; trying RSA first costs one failed parse at start-up only.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return new CloudFrontSigningKey(keyPairId, CheckRsa(rsa), null);
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }

        return new CloudFrontSigningKey(keyPairId, null, ImportEcdsa(pem));
    }

    private static RSA ImportRsa(ReadOnlySpan<char> pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return CheckRsa(rsa);
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new CloudFrontKeyException("The RSA private key could not be parsed.", exception);
        }
    }

    private static RSA CheckRsa(RSA rsa)
    {
        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            throw new CloudFrontKeyException($"CloudFront needs an RSA key of at least 2048 bits; this one has {rsa.KeySize}.");
        }

        return rsa;
    }

    private static ECDsa ImportEcdsa(ReadOnlySpan<char> pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            ecdsa.Dispose();
            throw new CloudFrontKeyException("The private key is neither RSA nor EC, or is malformed.", exception);
        }

        var curve = ecdsa.ExportParameters(false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            ecdsa.Dispose();
            throw new CloudFrontKeyException("CloudFront accepts only the P-256 curve for ECDSA keys.");
        }

        return ecdsa;
    }

    private static void ValidateKeyPairId(string keyPairId)
    {
        ArgumentNullException.ThrowIfNull(keyPairId);
        if (keyPairId.Length is 0 or > 128 || !keyPairId.All(char.IsAsciiLetterOrDigit))
        {
            throw new CloudFrontKeyException("A key pair id is 1 to 128 ASCII letters and digits (for example K2JCJMDEHXQW5F).");
        }
    }
}
