using System.Text;
using System.Text.Json;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.LocalRuntime;

namespace CrmMail.Lambda.Tests.RuntimeSupport;

[Trait("Category", "Integration")]
public sealed class LambdaBootstrapTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private LocalRuntimeApi _runtime = null!;

    public async Task InitializeAsync() => _runtime = await LocalRuntimeApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _runtime.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private LambdaBootstrap Create(LambdaBootstrapHandler handler, LambdaBootstrapInitializer? initializer = null)
    {
        var logger = new LambdaLogger(TextWriter.Null, TimeProvider.System, LambdaLogFormat.Json, LogLevel.Information);
        var environment = new LambdaEnvironment { RuntimeApi = _runtime.Address };
        return new LambdaBootstrap(new RuntimeApiClient(_http, _runtime.Address), handler, initializer, logger,
            headers => new LambdaContext(headers, environment, logger, TimeProvider.System));
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_ReportsErrorAndCarriesOn()
    {
        string? seenTrace = null;
        var sut = Create(async invocation =>
        {
            seenTrace = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            using var reader = new StreamReader(invocation.InputStream);
            var text = await reader.ReadToEndAsync();
            return text == "\"boom\""
                ? throw new InvalidOperationException("boom happened")
                : new InvocationResponse(new MemoryStream(Encoding.UTF8.GetBytes(text.ToUpperInvariant())));
        });
        var loop = sut.RunAsync(_stop.Token);

        var failed = await _runtime.InvokeAsync("\"boom\""u8.ToArray(), TimeSpan.FromSeconds(30));
        var succeeded = await _runtime.InvokeAsync("\"hello\""u8.ToArray(), TimeSpan.FromSeconds(30));

        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("boom happened", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.False(succeeded.IsError);
        Assert.Equal("\"HELLO\"", Encoding.UTF8.GetString(succeeded.Body));
        Assert.StartsWith("Root=1-", seenTrace, StringComparison.Ordinal);
        await _stop.CancelAsync();
        Assert.Equal(0, await loop.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RunAsync_InitializerThrows_ReportsInitErrorAndReturnsOne()
    {
        var sut = Create(_ => throw new InvalidOperationException("never called"), () => throw new ArgumentException("REPORTS_BUCKET is not set"));

        var exitCode = await sut.RunAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(30));
        var report = await _runtime.InitError.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, exitCode);
        Assert.Equal("ArgumentException", report.ErrorType);
        Assert.Contains("REPORTS_BUCKET is not set", Encoding.UTF8.GetString(report.Body), StringComparison.Ordinal);
    }
}
