using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.TestUtilities;

/// <summary>A settable <see cref="ILambdaContext"/> for handler tests.</summary>
public sealed class TestLambdaContext : ILambdaContext
{
    /// <inheritdoc />
    public string AwsRequestId { get; set; } = "test-request-id";

    /// <inheritdoc />
    public string TraceId { get; set; } = string.Empty;

    /// <inheritdoc />
    public string FunctionName { get; set; } = "test-function";

    /// <inheritdoc />
    public string FunctionVersion { get; set; } = "$LATEST";

    /// <inheritdoc />
    public string InvokedFunctionArn { get; set; } = "arn:aws:lambda:us-east-1:123456789012:function:test-function";

    /// <inheritdoc />
    public string LogGroupName { get; set; } = "/aws/lambda/test-function";

    /// <inheritdoc />
    public string LogStreamName { get; set; } = "test-stream";

    /// <inheritdoc />
    public int MemoryLimitInMB { get; set; } = 512;

    /// <inheritdoc />
    public TimeSpan RemainingTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public string? Identity { get; set; }

    /// <inheritdoc />
    public string? ClientContext { get; set; }

    /// <summary>The logger; its <see cref="TestLambdaLogger.Buffer"/> holds what was written.</summary>
    public TestLambdaLogger TestLogger { get; } = new();

    /// <inheritdoc />
    public ILambdaLogger Logger => TestLogger;
}
