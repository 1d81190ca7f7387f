namespace CrmMail.Kernel;

/// <summary>
/// A dependency (KMS, DynamoDB, SES, Secrets Manager) failed in a way worth retrying later:
/// throttling, 5xx, timeouts, network errors. Handlers answer 503 with Retry-After (or let
/// Lambda retry an async event); nothing is half-applied.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DependencyUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DependencyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public DependencyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
