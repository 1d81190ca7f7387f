namespace CrmMail.Aws.SesV2;

/// <summary>An SES error where a result cannot be returned (a page of an enumeration).</summary>
public sealed class SesException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SesException()
    {
        Error = new SesError(SesErrorCode.Unknown, 0, string.Empty);
    }

    /// <summary>Creates the exception with a message.</summary>
    public SesException(string message)
        : base(message)
    {
        Error = new SesError(SesErrorCode.Unknown, 0, message);
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SesException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new SesError(SesErrorCode.Unknown, 0, message);
    }

    /// <summary>Wraps a typed error.</summary>
    public SesException(SesError error)
        : base($"SES {error?.Code}: {error?.Message}")
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The typed error.</summary>
    public SesError Error { get; }
}
