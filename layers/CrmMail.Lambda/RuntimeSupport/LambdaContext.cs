using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>The context of one invocation, filled from the Runtime API headers and the environment.</summary>
public sealed class LambdaContext : ILambdaContext
{
    private readonly TimeProvider _timeProvider;
    private readonly long _deadlineMs;

    /// <summary>Creates a context; the deadline comes from the headers (Unix epoch milliseconds).</summary>
    public LambdaContext(RuntimeHeaders headers, LambdaEnvironment environment, ILambdaLogger logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(environment);
        AwsRequestId = headers.RequestId;
        TraceId = headers.TraceId ?? string.Empty;
        InvokedFunctionArn = headers.InvokedFunctionArn ?? string.Empty;
        Identity = headers.CognitoIdentity;
        ClientContext = headers.ClientContext;
        _deadlineMs = headers.DeadlineMs;
        FunctionName = environment.FunctionName;
        FunctionVersion = environment.FunctionVersion;
        LogGroupName = environment.LogGroupName;
        LogStreamName = environment.LogStreamName;
        MemoryLimitInMB = environment.MemoryLimitInMB;
        Logger = logger;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string AwsRequestId { get; }

    /// <inheritdoc />
    public string TraceId { get; }

    /// <inheritdoc />
    public string FunctionName { get; }

    /// <inheritdoc />
    public string FunctionVersion { get; }

    /// <inheritdoc />
    public string InvokedFunctionArn { get; }

    /// <inheritdoc />
    public string LogGroupName { get; }

    /// <inheritdoc />
    public string LogStreamName { get; }

    /// <inheritdoc />
    public int MemoryLimitInMB { get; }

    /// <inheritdoc />
    public TimeSpan RemainingTime
        => TimeSpan.FromMilliseconds(Math.Max(0, _deadlineMs - _timeProvider.GetUtcNow().ToUnixTimeMilliseconds()));

    /// <inheritdoc />
    public string? Identity { get; }

    /// <inheritdoc />
    public string? ClientContext { get; }

    /// <inheritdoc />
    public ILambdaLogger Logger { get; }
}
