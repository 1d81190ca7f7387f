namespace CrmMail.Hosting.Metrics;

/// <summary>CloudWatch units used by the suite.</summary>
public enum MetricUnit
{
    /// <summary>Count.</summary>
    Count = 0,

    /// <summary>Milliseconds.</summary>
    Milliseconds = 1,

    /// <summary>Bytes.</summary>
    Bytes = 2,
}
