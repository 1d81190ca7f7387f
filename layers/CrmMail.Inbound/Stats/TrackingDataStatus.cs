namespace CrmMail.Inbound.Stats;

/// <summary>How a tracking-data request ended.</summary>
public enum TrackingDataStatus
{
    /// <summary>The events were read.</summary>
    Read,

    /// <summary>A parameter was refused (<see cref="TrackingDataOutcome.Problems"/> names each).</summary>
    Invalid,
}
