namespace CrmMail.Identity;

/// <summary>Why a Firebase ID token was refused (each maps to 401, except <see cref="EmailNotVerified"/>: 403).</summary>
public enum FirebaseRejection
{
    /// <summary>Not a three-part JWT, or unreadable.</summary>
    Malformed = 1,

    /// <summary>alg is not RS256.</summary>
    WrongAlgorithm,

    /// <summary>No kid, or a kid Google does not publish.</summary>
    UnknownKey,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>aud is not the project id.</summary>
    WrongAudience,

    /// <summary>iss is not https://securetoken.google.com/&lt;project&gt;.</summary>
    WrongIssuer,

    /// <summary>exp has passed (beyond skew).</summary>
    Expired,

    /// <summary>iat is in the future (beyond skew) or missing.</summary>
    IssuedInFuture,

    /// <summary>auth_time is in the future (beyond skew) or missing.</summary>
    AuthTimeInFuture,

    /// <summary>sub is empty or longer than 128 characters.</summary>
    BadSubject,

    /// <summary>The account's email is not verified.</summary>
    EmailNotVerified,
}
