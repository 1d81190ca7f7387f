namespace CrmMail.Signing.CloudFront;

/// <summary>A private key or key pair id that cannot be used for CloudFront signing.</summary>
public sealed class CloudFrontKeyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CloudFrontKeyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CloudFrontKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CloudFrontKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
