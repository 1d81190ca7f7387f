namespace CrmMail.Signing.CloudFront;

/// <summary>The public key types a CloudFront key group accepts.</summary>
public enum CloudFrontKeyType
{
    /// <summary>RSA 2048 (PKCS#1 v1.5 signatures).</summary>
    Rsa = 0,

    /// <summary>ECDSA P-256 (DER-encoded signatures, SHA-256 only).</summary>
    EcdsaP256 = 1,
}
