namespace CrmMail.SignedDelivery;

/// <summary>The key types a CloudFront trusted key group accepts and the suite's signer reads.</summary>
public enum KeyPairType
{
    /// <summary>RSA 2048 (CloudFront's default; SHA-1 signatures, no Hash-Algorithm parameter).</summary>
    Rsa2048,

    /// <summary>ECDSA P-256 (the signer adds <c>Hash-Algorithm=SHA256</c>): signs about 25 times faster.</summary>
    EcdsaP256,
}
