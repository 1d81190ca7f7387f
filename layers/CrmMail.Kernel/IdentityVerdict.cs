namespace CrmMail.Kernel;

/// <summary>What an <see cref="IIdentityVerifier"/> decided about a credential.</summary>
public enum IdentityVerdict
{
    /// <summary>Valid, and the account's email address is verified.</summary>
    Verified = 0,

    /// <summary>Valid, but the account's email address is not verified.</summary>
    EmailNotVerified = 1,

    /// <summary>Not a valid credential (malformed, bad signature, wrong audience, expired…).</summary>
    Invalid = 2,
}
