using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Lambda.Tests.RuntimeSupport;

public class LambdaContextTests
{
    [Fact]
    public void RemainingTime_AsTheClockMoves_IsRecomputedOnEveryRead()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var environment = LambdaEnvironment.Read(new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = "127.0.0.1:9001",
            ["AWS_LAMBDA_FUNCTION_NAME"] = "send-mail",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
        }));
        var headers = new RuntimeHeaders { RequestId = "r1", DeadlineMs = 1_030_000, InvokedFunctionArn = "arn", TraceId = "Root=1" };
        var sut = new LambdaContext(headers, environment, new LambdaLogger(TextWriter.Null, time, LambdaLogFormat.Json, LogLevel.Information), time);

        Assert.Equal(TimeSpan.FromSeconds(30), sut.RemainingTime);
        time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(18), sut.RemainingTime);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, sut.RemainingTime);
        Assert.Equal("send-mail", sut.FunctionName);
        Assert.Equal(512, sut.MemoryLimitInMB);
        Assert.Equal("Root=1", sut.TraceId);
    }

    [Fact]
    public void Read_WithoutRuntimeApi_FailsNamingTheVariable()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => LambdaEnvironment.Read(new DictionaryEnvironmentVariables(new Dictionary<string, string>())));
        Assert.Contains("AWS_LAMBDA_RUNTIME_API", exception.Message, StringComparison.Ordinal);
    }
}
