namespace CrmMail.Signing.CloudFront;

/// <summary>The digest a signature covers; SHA-256 is announced with <c>Hash-Algorithm=SHA256</c>.</summary>
public enum CloudFrontHashAlgorithm
{
    /// <summary>SHA-1: CloudFront's default and the only one older clients know (RSA only).</summary>
    Sha1 = 0,

    /// <summary>SHA-256: RSA or ECDSA P-256.</summary>
    Sha256 = 1,
}
