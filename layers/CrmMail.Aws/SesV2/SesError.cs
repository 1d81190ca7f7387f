namespace CrmMail.Aws.SesV2;

/// <summary>A typed SES error: code, HTTP status and SES's message.</summary>
public sealed record SesError(SesErrorCode Code, int StatusCode, string Message)
{
    /// <summary>True for errors worth retrying later (throttling, 5xx other than ConcurrentModification, network).</summary>
    public bool IsTransient => Code is SesErrorCode.TooManyRequests or SesErrorCode.ServiceUnavailable;
}
