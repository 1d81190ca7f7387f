namespace CrmMail.Signing.Tokens;

/// <summary>Why a token was refused. Never an exception: callers map these to 4xx.</summary>
public enum TokenRejection
{
    /// <summary>Not base64url, too short, or not in canonical encoding.</summary>
    Malformed = 1,

    /// <summary>A format version this code does not know.</summary>
    UnknownVersion = 2,

    /// <summary>The data key it names does not exist (forged or long expired).</summary>
    UnknownKey = 3,

    /// <summary>Authentication failed: a byte was changed.</summary>
    Tampered = 4,

    /// <summary>A valid token for another purpose.</summary>
    WrongPurpose = 5,

    /// <summary>Older than its maximum age.</summary>
    Expired = 6,

    /// <summary>Issued in the future (beyond clock skew).</summary>
    NotYetValid = 7,
}
