namespace CrmMail.Lambda.Core;

/// <summary>
/// Information about the current invocation and the execution environment,
/// as <c>Amazon.Lambda.Core.ILambdaContext</c> has it.
/// </summary>
public interface ILambdaContext
{
    /// <summary>The request id the Runtime API assigned to this invocation.</summary>
    string AwsRequestId { get; }

    /// <summary>The X-Ray trace header of this invocation, or empty.</summary>
    string TraceId { get; }

    /// <summary>Name of the function (<c>AWS_LAMBDA_FUNCTION_NAME</c>).</summary>
    string FunctionName { get; }

    /// <summary>Version of the function (<c>AWS_LAMBDA_FUNCTION_VERSION</c>).</summary>
    string FunctionVersion { get; }

    /// <summary>The ARN used to invoke this function.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>CloudWatch log group (<c>AWS_LAMBDA_LOG_GROUP_NAME</c>).</summary>
    string LogGroupName { get; }

    /// <summary>CloudWatch log stream (<c>AWS_LAMBDA_LOG_STREAM_NAME</c>).</summary>
    string LogStreamName { get; }

    /// <summary>Memory configured for the function, in MB.</summary>
    int MemoryLimitInMB { get; }

    /// <summary>Time left before the deadline; recomputed on every read.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The Cognito identity header, raw JSON, or null.</summary>
    string? Identity { get; }

    /// <summary>The client context header, raw JSON, or null.</summary>
    string? ClientContext { get; }

    /// <summary>The logger bound to this invocation.</summary>
    ILambdaLogger Logger { get; }
}
