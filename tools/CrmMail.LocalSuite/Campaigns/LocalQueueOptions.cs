namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// The queue stand-in's settings, named as SQS and the event source mapping name them: the
/// visibility timeout, the redrive policy's maxReceiveCount, the mapping's batch size and its
/// maximum concurrency (how many consumer invocations run at once).
/// </summary>
internal sealed record LocalQueueOptions
{
    /// <summary>How long a received message stays invisible before it is delivered again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A message received this many times without being deleted moves to the dead-letter queue on its next receive.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>Messages per consumer invocation (SQS allows 1 to 10 per receive).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Consumer invocations in flight at once (the mapping's maximum concurrency).</summary>
    public int MaxConcurrency { get; init; } = 2;
}
