using CrmMail.Lambda.Core;

namespace CrmMail.LocalSuite;

/// <summary>The context a locally hosted function sees: its name, a request id, a deadline and the shared logger.</summary>
internal sealed class LocalLambdaContext(string functionName, string requestId, string traceId, ILambdaLogger logger, DateTimeOffset deadline, TimeProvider timeProvider) : ILambdaContext
{
    public string AwsRequestId => requestId;

    public string TraceId => traceId;

    public string FunctionName => functionName;

    public string FunctionVersion => "$LATEST";

    public string InvokedFunctionArn => $"arn:aws:lambda:us-east-1:000000000000:function:{functionName}";

    public string LogGroupName => "/aws/lambda/" + functionName;

    public string LogStreamName => "local";

    public int MemoryLimitInMB => 512;

    public TimeSpan RemainingTime => deadline - timeProvider.GetUtcNow();

    public string? Identity => null;

    public string? ClientContext => null;

    public ILambdaLogger Logger => logger;
}
