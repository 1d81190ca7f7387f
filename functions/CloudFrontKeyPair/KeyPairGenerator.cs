using System.Security.Cryptography;

namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>
/// Makes and reads CloudFront key pairs: RSA 2048 (CloudFront's default, SHA-1 signatures) or
/// ECDSA P-256 (with <c>Hash-Algorithm=SHA256</c>), the two types a trusted key group accepts
/// and the suite's signer (CrmMail.Signing CloudFrontSigningKey) reads. The private key is
/// PKCS#8 PEM, the public key SubjectPublicKeyInfo PEM (CloudFront's EncodedKey).
/// </summary>
internal static class KeyPairGenerator
{
    public const string Rsa2048 = "RSA_2048";
    public const string EcdsaP256 = "ECDSA_P256";

    /// <summary>A fresh pair of <paramref name="keyType"/>.</summary>
    /// <exception cref="ArgumentException">An unknown key type.</exception>
    public static (string PrivateKeyPem, string PublicKeyPem) Generate(string keyType)
    {
        switch (keyType)
        {
            case Rsa2048:
                using (var rsa = RSA.Create(2048))
                {
                    return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
                }

            case EcdsaP256:
                using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return (ecdsa.ExportPkcs8PrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem());
                }

            default:
                throw new ArgumentException($"KeyType must be {Rsa2048} or {EcdsaP256}.", nameof(keyType));
        }
    }

    /// <summary>The public key of a stored PKCS#8 private key (an Update that keeps the pair answers it again).</summary>
    /// <exception cref="CryptographicException">Not a PKCS#8 RSA or EC key.</exception>
    public static string PublicKeyOf(string privateKeyPem)
    {
        var der = PemEncoding.TryFind(privateKeyPem, out var fields) ? Convert.FromBase64String(privateKeyPem[fields.Base64Data]) : throw new CryptographicException("No PEM block in the stored private key.");
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(der, out _);
            return rsa.ExportSubjectPublicKeyInfoPem();
        }
        catch (CryptographicException)
        {
            // Not RSA: the other type CloudFront takes.
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(der, out _);
            return ecdsa.ExportSubjectPublicKeyInfoPem();
        }
    }
}
