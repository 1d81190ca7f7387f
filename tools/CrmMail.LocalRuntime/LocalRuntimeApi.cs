using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmMail.LocalRuntime;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on a free port of 127.0.0.1. <see cref="InvokeAsync"/>
/// queues an event; the function takes it from <c>/next</c> and answers on <c>/response</c> or
/// <c>/error</c>; <c>/init/error</c> completes <see cref="InitError"/>.
/// </summary>
public sealed class LocalRuntimeApi : IAsyncDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private readonly WebApplication _app;
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InitErrorReport> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    private LocalRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port, the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>Completes when the function reports an init error.</summary>
    public Task<InitErrorReport> InitError => _initError.Task;

    /// <summary>The function ARN reported in the headers.</summary>
    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:000000000000:function:local";

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<LocalRuntimeApi> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new LocalRuntimeApi(app);
        api.MapRoutes();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Address = new Uri(address).Authority;
        return api;
    }

    /// <summary>
    /// Runs one throw-away invocation through <c>/next</c> and <c>/response</c> with a client of
    /// our own, so that the server's request pipeline is compiled and its first connection made
    /// before a function is timed. Lambda's Runtime API is always warm; without this a cold-start
    /// measurement would include tens of milliseconds of this process's JIT.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://" + Address) };
        var invocation = InvokeAsync("{}"u8.ToArray(), TimeSpan.FromSeconds(30), cancellationToken);
        using (var next = await http.GetAsync(new Uri("/2018-06-01/runtime/invocation/next", UriKind.Relative), cancellationToken).ConfigureAwait(false))
        {
            var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
            using var content = new ByteArrayContent("{}"u8.ToArray());
            using var response = await http.PostAsync(new Uri($"/2018-06-01/runtime/invocation/{requestId}/response", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }

        await invocation.ConfigureAwait(false);
    }

    /// <summary>Queues <paramref name="eventBody"/> and waits for the function's answer.</summary>
    public async Task<InvocationResult> InvokeAsync(byte[] eventBody, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var requestId = "local-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var pending = new PendingInvocation(requestId, eventBody, timeout);
        _inFlight[requestId] = pending;
        await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        try
        {
            return await pending.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(requestId, out _);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapRoutes()
    {
        _app.MapGet("/2018-06-01/runtime/invocation/next", (RequestDelegate)(async http =>
        {
            PendingInvocation next;
            try
            {
                next = await _queue.Reader.ReadAsync(http.RequestAborted).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // Shutting down: the function's long poll simply ends.
                http.Response.StatusCode = StatusCodes.Status410Gone;
                return;
            }

            next.Stopwatch.Start();
            var deadline = TimeProvider.System.GetUtcNow().Add(next.Timeout).ToUnixTimeMilliseconds();
            http.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.RequestId;
            http.Response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
            http.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-" + next.RequestId.GetHashCode(StringComparison.Ordinal).ToString("x8", CultureInfo.InvariantCulture) + ";Sampled=0";
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(next.Body, http.RequestAborted).ConfigureAwait(false);
        }));
        _app.MapPost("/2018-06-01/runtime/invocation/{id}/response", http => CompleteAsync(http, isError: false));
        _app.MapPost("/2018-06-01/runtime/invocation/{id}/error", http => CompleteAsync(http, isError: true));
        _app.MapPost("/2018-06-01/runtime/init/error", async http =>
        {
            var body = await ReadBodyAsync(http).ConfigureAwait(false);
            _initError.TrySetResult(new InitErrorReport(body, http.Request.Headers[ErrorTypeHeader].FirstOrDefault()));
            http.Response.StatusCode = StatusCodes.Status202Accepted;
        });
    }

    private async Task CompleteAsync(HttpContext http, bool isError)
    {
        var id = (string)http.Request.RouteValues["id"]!;
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (!_inFlight.TryGetValue(id, out var pending))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        pending.Stopwatch.Stop();
        var errorType = isError ? http.Request.Headers[ErrorTypeHeader].FirstOrDefault() : null;
        if (isError && http.Request.ContentType != "application/vnd.aws.lambda.error+json")
        {
            errorType = "InvalidContentType:" + http.Request.ContentType;
        }

        pending.Completion.TrySetResult(new InvocationResult(id, isError, body, errorType, pending.Stopwatch.Elapsed));
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private sealed record PendingInvocation(string RequestId, byte[] Body, TimeSpan Timeout)
    {
        public TaskCompletionSource<InvocationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Stopwatch Stopwatch { get; } = new();
    }
}
