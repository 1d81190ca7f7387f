namespace CrmMail.CampaignBench;

/// <summary>What one run measured and what it left behind.</summary>
internal sealed record BenchResult(
    string State,
    TimeSpan Elapsed,
    TimeSpan Cpu,
    long Sent,
    long Failed,
    long Suppressed,
    long Pending,
    int DeliveredTwice,
    int NeverDelivered,
    int WithoutResult,
    int DeadLetters,
    long Calls,
    long RateThrottled,
    long InjectedThrottles,
    long InjectedServerErrors,
    long Kills,
    int Invocations)
{
    public double PerSecond(int recipients) => recipients / Elapsed.TotalSeconds;

    public double CpuMicrosPerRecipient(int recipients) => Cpu.TotalMilliseconds * 1000 / recipients;
}
