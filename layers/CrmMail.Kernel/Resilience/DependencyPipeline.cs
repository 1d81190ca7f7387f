using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CrmMail.Kernel.Resilience;

/// <summary>
/// The one resilience pipeline every hand-written dependency client runs its calls through
/// (SES v2, Secrets Manager, Mailgun): a total timeout around a retry (exponential back-off with
/// jitter, on throttling, 5xx and network failures only) around a per-attempt timeout. The
/// caller's token, the invocation's deadline, bounds it all: once it fires nothing is retried
/// and the cancellation reaches the handler, which answers as for an outage.
/// </summary>
public static class DependencyPipeline
{
    /// <summary>
    /// Builds the pipeline for attempts that return <typeparamref name="T"/>;
    /// <paramref name="isTransient"/> says which returned results (429, 5xx) are worth another
    /// attempt. Exceptions are retried when <see cref="IsTransientFailure"/> says so.
    /// </summary>
    /// <typeparam name="T">The attempt's result (annotated as Polly's option validation requires; concrete types satisfy it under AOT).</typeparam>
    /// <param name="policy">The numbers.</param>
    /// <param name="timeProvider">The clock for back-offs and timeouts (tests: a fake one).</param>
    /// <param name="isTransient">Whether a returned result is a transient failure.</param>
    /// <param name="inner">Strategies placed inside the per-attempt timeout (tests: chaos strategies); null in production.</param>
    /// <param name="retryAfter">
    /// The wait a returned result asks for (a throttled answer's <c>Retry-After</c>), or null for none:
    /// the next attempt waits exactly that long instead of the back-off; a wait longer than the
    /// policy's <see cref="DependencyPolicy.MaxDelay"/> ends the retries at once, so the caller
    /// hands the work back (a queue's redelivery is the longer wait) instead of spending its budget.
    /// </param>
    public static ResiliencePipeline<T> Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(DependencyPolicy policy, TimeProvider timeProvider, Func<T, bool> isTransient, Action<ResiliencePipelineBuilder<T>>? inner = null, Func<T, TimeSpan?>? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(isTransient);
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider }.AddTimeout(policy.TotalTimeout);
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Exception is { } exception
                    ? IsTransientFailure(exception, arguments.Context.CancellationToken)
                    : isTransient(arguments.Outcome.Result!) && !(retryAfter?.Invoke(arguments.Outcome.Result!) > policy.MaxDelay)),
                DelayGenerator = retryAfter is null
                    ? null
                    : arguments => ValueTask.FromResult(arguments.Outcome.Exception is null && retryAfter(arguments.Outcome.Result!) is { } wait ? (TimeSpan?)wait : null),
                MaxRetryAttempts = policy.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxDelay,
            });
        }

        builder.AddTimeout(policy.AttemptTimeout);
        inner?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>
    /// Whether an exception from a dependency call is transient: a network failure, a timeout
    /// of one attempt or of the call, or an HttpClient timeout; never the caller's own
    /// cancellation (the deadline), which must reach the handler.
    /// </summary>
    public static bool IsTransientFailure(Exception exception, CancellationToken callerToken) => exception switch
    {
        HttpRequestException or TimeoutRejectedException or TimeoutException or IOException or SocketException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested && exception.InnerException is TimeoutException,
        _ => false,
    };
}
