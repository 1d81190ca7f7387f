namespace CrmMail.CampaignBench;

/// <summary>One campaign run's configuration: size, the account's rate, the sender instances and the faults to inject.</summary>
internal sealed record BenchRun(
    int Recipients,
    int Rate,
    int Instances,
    int SendConcurrency,
    TimeSpan Latency,
    double ThrottleFaults = 0,
    double ServerFaults = 0,
    double DuplicateDeliveries = 0,
    long KillEvery = 0,
    int MaxReceiveCount = 10,
    TimeSpan? VisibilityTimeout = null);
