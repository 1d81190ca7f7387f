namespace CrmMail.Aws.SesV2;

/// <summary>SES v2 errors callers handle (botocore's error shapes, without the Exception suffix).</summary>
public enum SesErrorCode
{
    /// <summary>Anything not listed here.</summary>
    Unknown = 0,

    /// <summary>404 NotFoundException.</summary>
    NotFound,

    /// <summary>400 AlreadyExistsException.</summary>
    AlreadyExists,

    /// <summary>400 BadRequestException.</summary>
    BadRequest,

    /// <summary>429 TooManyRequestsException (retried).</summary>
    TooManyRequests,

    /// <summary>500 ConcurrentModificationException (not retried blindly: read again).</summary>
    ConcurrentModification,

    /// <summary>400 MessageRejected.</summary>
    MessageRejected,

    /// <summary>400 SendingPausedException.</summary>
    SendingPaused,

    /// <summary>400 AccountSuspendedException.</summary>
    AccountSuspended,

    /// <summary>400 LimitExceededException.</summary>
    LimitExceeded,

    /// <summary>400 MailFromDomainNotVerifiedException.</summary>
    MailFromDomainNotVerified,

    /// <summary>403 signature or credentials refused.</summary>
    AccessDenied,

    /// <summary>5xx or a network failure after the retry budget.</summary>
    ServiceUnavailable,
}
