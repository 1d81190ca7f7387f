namespace CrmMail.CampaignBench;

/// <summary>Thrown by the simulated SES after it accepted a message: the sender invocation dies there, mid-batch, before the record.</summary>
internal sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("The sender was killed after SES accepted a message.")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
