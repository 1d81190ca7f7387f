using CrmMail.Kernel.Resilience;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;
using Polly.Timeout;

namespace CrmMail.Kernel.Tests.Resilience;

/// <summary>
/// The one pipeline, on a fake clock, with faults injected by Polly's chaos strategies (inside
/// the per-attempt timeout, where a real dependency's trouble happens). Attempts return an
/// HTTP status; 429 and 5xx are transient.
/// </summary>
public class DependencyPipelineTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private int _attempts;

    private ResiliencePipeline<int> Create(DependencyPolicy? policy = null, Action<ResiliencePipelineBuilder<int>>? chaos = null)
        => DependencyPipeline.Create<int>(policy ?? DependencyPolicy.Default, _time, static status => status is 429 or >= 500, chaos);

    /// <summary>Runs the pipeline while the fake clock moves on in small steps (no real waiting).</summary>
    private async Task<int> RunAsync(ResiliencePipeline<int> sut, int status = 200, CancellationToken cancellationToken = default)
    {
        var run = sut.ExecuteAsync(
            _ =>
            {
                Interlocked.Increment(ref _attempts);
                return ValueTask.FromResult(status);
            },
            cancellationToken).AsTask();
        for (var i = 0; i < 100_000 && !run.IsCompleted; i++)
        {
            _time.Advance(Step);
            await Settle();
        }

        return await run;
    }

    /// <summary>
    /// Lets the pipeline's continuations run before the fake clock moves again: a timer that
    /// fires inside Advance queues its continuation to the thread pool, and on a loaded machine a
    /// bare Task.Yield let the pump run seconds of fake time ahead of it (a 3 s attempt timeout
    /// then met the 10 s total one, as a CI run under load showed). Waits until no work item is
    /// queued (a real millisecond at least, 50 at most, a step).
    /// </summary>
    private static async Task Settle()
    {
        await Task.Delay(1);
        for (var spins = 0; spins < 50 && ThreadPool.PendingWorkItemCount > 0; spins++)
        {
            await Task.Delay(1);
        }
    }

    /// <summary>Enabled for the first <paramref name="count"/> attempts only.</summary>
    private static Func<EnabledGeneratorArguments, ValueTask<bool>> FirstAttempts(int count)
    {
        var seen = 0;
        return _ => ValueTask.FromResult(Interlocked.Increment(ref seen) <= count);
    }

    [Fact]
    public async Task Create_ThrottlingThenServerError_RetriesUntilSuccess()
    {
        // Rule: 429 and 5xx are retried with back-off.
        var injected = new Queue<int>([429, 503]);
        var sut = Create(chaos: b => b.AddChaosOutcome(new ChaosOutcomeStrategyOptions<int>
        {
            InjectionRate = 1,
            EnabledGenerator = FirstAttempts(2),
            OutcomeGenerator = _ => ValueTask.FromResult<Outcome<int>?>(Outcome.FromResult(injected.Dequeue())),
        }));

        var status = await RunAsync(sut);

        Assert.Equal(200, status);
        Assert.Equal(1, _attempts); // the two failures were injected in front of the one real call
        Assert.Empty(injected);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Create_ClientError_IsNotRetried(int clientError)
    {
        // Rule: a 4xx other than 429 does not heal by retrying.
        var status = await RunAsync(Create(), clientError);

        Assert.Equal(clientError, status);
        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task Create_NetworkFault_IsRetried()
    {
        // Rule: a refused or reset connection is transient.
        var sut = Create(chaos: b => b.AddChaosFault(new ChaosFaultStrategyOptions
        {
            InjectionRate = 1,
            EnabledGenerator = FirstAttempts(2),
            FaultGenerator = _ => ValueTask.FromResult<Exception?>(new HttpRequestException("Connection refused")),
        }));

        var status = await RunAsync(sut);

        Assert.Equal(200, status);
        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task Create_AttemptNeverAnswers_PerAttemptTimeoutEndsItAndTheNextAttemptRuns()
    {
        // Rule: a silent dependency costs one attempt timeout (3 s), not HttpClient's 100 s.
        var started = _time.GetUtcNow();
        var sut = Create(chaos: b => b.AddChaosLatency(new ChaosLatencyStrategyOptions
        {
            InjectionRate = 1,
            EnabledGenerator = FirstAttempts(1),
            Latency = TimeSpan.FromMinutes(5),
        }));

        var status = await RunAsync(sut);

        // Without the attempt timeout the 5-minute hang would have run into the total timeout and thrown.
        Assert.Equal(200, status);
        Assert.Equal(1, _attempts);
        Assert.True(_time.GetUtcNow() - started >= DependencyPolicy.Default.AttemptTimeout);
    }

    [Fact]
    public async Task Create_AlwaysServerError_StopsAtTheTotalTimeout()
    {
        // Rule: however many retries are allowed, one call never outlives the total budget.
        var policy = DependencyPolicy.Default with { MaxRetries = 1_000 };
        var started = _time.GetUtcNow();

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => RunAsync(Create(policy), 503));

        Assert.InRange(_attempts, 1, 100);
        Assert.True(_time.GetUtcNow() - started >= policy.TotalTimeout);
    }

    [Fact]
    public async Task Create_AlwaysServerError_GivesTheLastAnswerBackAfterTheRetries()
    {
        // Rule: retries are bounded; the caller sees the last transient answer and decides (503, failed recipient).
        var status = await RunAsync(Create(), 503);

        Assert.Equal(503, status);
        Assert.Equal(DependencyPolicy.Default.MaxRetries + 1, _attempts);
    }

    [Fact]
    public async Task Create_NoRetries_MakesOneAttempt()
    {
        // Rule: MaxRetries = 0 disables retrying (one attempt, its timeout, the total timeout).
        var status = await RunAsync(Create(DependencyPolicy.Default with { MaxRetries = 0 }), 503);

        Assert.Equal(503, status);
        Assert.Equal(1, _attempts);
    }

    [Fact]
    public async Task Create_CallersDeadlineFires_StopsWithTheCallersCancellation()
    {
        // Rule: the invocation's deadline ends the call as a cancellation (the handler answers 503), never as another attempt.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);
        var policy = DependencyPolicy.Default with { MaxRetries = 1_000 };

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(Create(policy), 503, deadline.Token));

        Assert.IsNotType<TimeoutRejectedException>(exception);
        Assert.False(DependencyPipeline.IsTransientFailure(exception, deadline.Token));
    }

    [Fact]
    public void IsTransientFailure_HttpClientTimeoutButNotTheCallersCancellation()
    {
        // Rule: HttpClient's own timeout is transient; the caller's cancellation never is.
        var httpClientTimeout = new TaskCanceledException("timeout", new TimeoutException());

        Assert.True(DependencyPipeline.IsTransientFailure(httpClientTimeout, CancellationToken.None));
        Assert.False(DependencyPipeline.IsTransientFailure(httpClientTimeout, new CancellationToken(canceled: true)));
        Assert.False(DependencyPipeline.IsTransientFailure(new InvalidOperationException(), CancellationToken.None));
    }
    [Fact]
    public async Task Create_BackOff_WaitsOnTheInjectedClockNotTheSystemClock()
    {
        // Rule: back-offs run on the injected TimeProvider (the invocation's budget and the
        // tests' fake clock), never on the system clock: without the fake clock moving, no retry.
        var sut = Create(new DependencyPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(100) });
        var run = sut.ExecuteAsync(_ => ValueTask.FromResult(Interlocked.Increment(ref _attempts) == 1 ? 503 : 200)).AsTask();

        // A system-clock back-off (at most 100 ms) would have retried within this real wait.
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Equal(1, Volatile.Read(ref _attempts));
        Assert.False(run.IsCompleted);

        for (var i = 0; i < 1_000 && !run.IsCompleted; i++)
        {
            _time.Advance(Step);
            await Settle();
        }

        Assert.Equal(200, await run);
        Assert.Equal(2, _attempts);
    }
}
