namespace CrmMail.LocalSuite.CloudFront;

/// <summary>Why the stand-in refused a request (CloudFront answers 403 AccessDenied for all of them).</summary>
public enum SignedUrlRejection
{
    /// <summary>Accepted.</summary>
    None = 0,

    /// <summary>No Signature, Key-Pair-Id, or neither Expires nor Policy.</summary>
    MissingParameters,

    /// <summary>The key pair id is not in the trusted key group.</summary>
    UnknownKeyPairId,

    /// <summary>The Policy or Signature is not valid CloudFront base64, or the policy is not a valid statement.</summary>
    MalformedPolicy,

    /// <summary>The signature does not verify under the key.</summary>
    BadSignature,

    /// <summary>The policy's resource does not match the requested URL.</summary>
    ResourceMismatch,

    /// <summary>DateLessThan has passed.</summary>
    Expired,

    /// <summary>DateGreaterThan has not come yet.</summary>
    NotYetValid,

    /// <summary>The viewer's address is outside the policy's IpAddress range.</summary>
    SourceIpMismatch,
}
