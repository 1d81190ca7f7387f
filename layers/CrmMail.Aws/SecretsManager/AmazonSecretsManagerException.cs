namespace CrmMail.Aws.SecretsManager;

/// <summary>
/// Secrets Manager refused a call (a 4xx that retrying does not heal): <see cref="ErrorCode"/> is
/// the service's <c>__type</c> without its namespace, as AWSSDK.SecretsManager's exception of the
/// same name reports it (<c>ResourceNotFoundException</c>, <c>ResourceExistsException</c>,
/// <c>AccessDeniedException</c>, <c>InvalidRequestException</c>…).
/// </summary>
public sealed class AmazonSecretsManagerException : Exception
{
    /// <summary>A refusal with the service's error code and HTTP status.</summary>
    public AmazonSecretsManagerException(string errorCode, int statusCode, string message)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    /// <summary>An empty refusal (for serializers and analyzers).</summary>
    public AmazonSecretsManagerException()
        : this("Unknown", 0, "Secrets Manager refused the call.")
    {
    }

    /// <summary>A refusal with only a message.</summary>
    public AmazonSecretsManagerException(string message)
        : this("Unknown", 0, message)
    {
    }

    /// <summary>A refusal wrapping another exception.</summary>
    public AmazonSecretsManagerException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    /// <summary>The service's error code, for example <c>ResourceNotFoundException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status of the refusal.</summary>
    public int StatusCode { get; }
}
