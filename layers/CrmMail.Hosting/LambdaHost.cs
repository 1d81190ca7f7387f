using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;

namespace CrmMail.Hosting;

/// <summary>
/// The one call a function's <c>Main</c> makes: compose the handler during Lambda's init phase
/// (a failure there goes to <c>/init/error</c> and the process exits non-zero), then run the
/// invoke loop with typed events through a source-generated serializer.
/// </summary>
public static class LambdaHost
{
    /// <summary>Runs the function with a handler composed synchronously.</summary>
    public static Task<int> RunAsync<TInput, TOutput>(
        ILambdaSerializer serializer,
        Func<LambdaHostContext, Func<TInput, ILambdaContext, Task<TOutput>>> compose,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(compose);
        return RunAsync<TInput, TOutput>(serializer, (context, _) => Task.FromResult(compose(context)), SystemEnvironmentVariables.Instance, cancellationToken);
    }

    /// <summary>Runs the function with a handler composed asynchronously (for example after reading a secret).</summary>
    public static async Task<int> RunAsync<TInput, TOutput>(
        ILambdaSerializer serializer,
        Func<LambdaHostContext, CancellationToken, Task<Func<TInput, ILambdaContext, Task<TOutput>>>> compose,
        IEnvironmentVariables environment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(compose);
        ArgumentNullException.ThrowIfNull(environment);
        var timeProvider = TimeProvider.System;
        var logger = LambdaLogger.FromEnvironment(environment, Console.Out, timeProvider);
        LambdaEnvironment lambdaEnvironment;
        try
        {
            lambdaEnvironment = LambdaEnvironment.Read(environment);
        }
        catch (InvalidOperationException exception)
        {
            // Without a Runtime API there is nobody to report to but the console.
            await Console.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return 2;
        }

        // One client per process: /next is a long poll, so no timeout.
        using var httpClient = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new RuntimeApiClient(httpClient, lambdaEnvironment.RuntimeApi);
        Func<TInput, ILambdaContext, Task<TOutput>>? handler = null;

        var bootstrap = new LambdaBootstrap(
            client,
            async invocation =>
            {
                var input = serializer.Deserialize<TInput>(invocation.InputStream);
                var output = await handler!(input, invocation.LambdaContext).ConfigureAwait(false);
                var stream = new MemoryStream();
                serializer.Serialize(output, stream);
                stream.Position = 0;
                return new InvocationResponse(stream);
            },
            async () =>
            {
                handler = await compose(new LambdaHostContext(environment, timeProvider, logger), cancellationToken).ConfigureAwait(false);
                return true;
            },
            logger,
            headers => new LambdaContext(headers, lambdaEnvironment, logger.ForInvocation(headers.RequestId, headers.TraceId), timeProvider));
        return await bootstrap.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
