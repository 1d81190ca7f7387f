using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>
/// The invoke loop of a custom runtime: initialise once, then next → handler → response or
/// error, forever. Shaped like <c>Amazon.Lambda.RuntimeSupport.LambdaBootstrap</c>.
/// </summary>
public sealed class LambdaBootstrap
{
    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";
    private readonly RuntimeApiClient _client;
    private readonly LambdaBootstrapHandler _handler;
    private readonly LambdaBootstrapInitializer? _initializer;
    private readonly ILambdaLogger _logger;
    private readonly Func<RuntimeHeaders, ILambdaContext> _contextFactory;

    /// <summary>Creates the loop. <paramref name="contextFactory"/> builds each invocation's context.</summary>
    public LambdaBootstrap(
        RuntimeApiClient client,
        LambdaBootstrapHandler handler,
        LambdaBootstrapInitializer? initializer,
        ILambdaLogger logger,
        Func<RuntimeHeaders, ILambdaContext> contextFactory)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(contextFactory);
        _client = client;
        _handler = handler;
        _initializer = initializer;
        _logger = logger;
        _contextFactory = contextFactory;
    }

    /// <summary>
    /// Runs until cancelled. Returns 1 after reporting an init error (the process should exit
    /// with it), 0 when cancelled.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (_initializer is not null && !await InitializeAsync(cancellationToken).ConfigureAwait(false))
        {
            return 1;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await InvokeOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the pending /next long poll was abandoned on purpose.
                break;
            }
        }

        return 0;
    }

    /// <summary>Handles exactly one invocation (used by the loop and by tests).</summary>
    public async Task InvokeOnceAsync(CancellationToken cancellationToken)
    {
        var (headers, body) = await _client.GetNextInvocationAsync(cancellationToken).ConfigureAwait(false);
        // The X-Ray SDK and AWS SDK read the trace header from the environment, per invocation.
        Environment.SetEnvironmentVariable(TraceIdVariable, headers.TraceId);
        using var invocation = new InvocationRequest(body, _contextFactory(headers));
        InvocationResponse response;
        try
        {
            response = await _handler(invocation).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A handler failure belongs to this invocation only; the loop carries on.
            invocation.LambdaContext.Logger.LogError("The handler failed. errorType={errorType} errorMessage={errorMessage}", RuntimeApiClient.ErrorType(exception), exception.Message);
            await _client.ReportInvocationErrorAsync(headers.RequestId, exception, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            await _client.SendResponseAsync(headers.RequestId, response.OutputStream, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> InitializeAsync(CancellationToken cancellationToken)
    {
        Exception failure;
        try
        {
            if (await _initializer!().ConfigureAwait(false))
            {
                return true;
            }

            failure = new InvalidOperationException("The function's initializer returned false.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any init failure (bad configuration, unreachable dependency) goes to /init/error, then exit.
            failure = exception;
        }

        _logger.LogCritical("Initialisation failed. errorType={errorType} errorMessage={errorMessage}", RuntimeApiClient.ErrorType(failure), failure.Message);
        await _client.ReportInitializationErrorAsync(failure, cancellationToken).ConfigureAwait(false);
        return false;
    }
}
