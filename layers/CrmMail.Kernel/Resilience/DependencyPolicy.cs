namespace CrmMail.Kernel.Resilience;

/// <summary>
/// The numbers of the one resilience pipeline (<see cref="DependencyPipeline"/>): how often a
/// transient failure is retried, how long the back-off waits, how long one attempt and the
/// whole call may take. The invocation's deadline token bounds all of it on top.
/// </summary>
public sealed record DependencyPolicy
{
    /// <summary>
    /// 3 retries (4 attempts), exponential back-off with jitter from 200 ms capped at 2 s,
    /// 3 s per attempt, 10 s per call: a hung dependency costs one attempt timeout, not
    /// HttpClient's 100 s, and a call never outlives a 15 s function.
    /// </summary>
    public static DependencyPolicy Default { get; } = new();

    /// <summary>Retries after the first attempt (0 disables retrying).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The median first back-off; later ones grow exponentially (with jitter).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>No back-off waits longer than this.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>One attempt (connect, send, read the answer) is abandoned after this.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The whole call, every attempt and back-off included, is abandoned after this.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
