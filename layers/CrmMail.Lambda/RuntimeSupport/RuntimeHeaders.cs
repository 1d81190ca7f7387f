namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>The <c>Lambda-Runtime-*</c> headers of one <c>/next</c> response.</summary>
public sealed record RuntimeHeaders
{
    /// <summary>Lambda-Runtime-Aws-Request-Id (required).</summary>
    public required string RequestId { get; init; }

    /// <summary>Lambda-Runtime-Deadline-Ms, Unix epoch milliseconds.</summary>
    public long DeadlineMs { get; init; }

    /// <summary>Lambda-Runtime-Invoked-Function-Arn.</summary>
    public string? InvokedFunctionArn { get; init; }

    /// <summary>Lambda-Runtime-Trace-Id.</summary>
    public string? TraceId { get; init; }

    /// <summary>Lambda-Runtime-Client-Context.</summary>
    public string? ClientContext { get; init; }

    /// <summary>Lambda-Runtime-Cognito-Identity.</summary>
    public string? CognitoIdentity { get; init; }
}
