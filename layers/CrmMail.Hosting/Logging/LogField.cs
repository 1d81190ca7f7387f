namespace CrmMail.Hosting.Logging;

/// <summary>
/// One structured field of a log line. Values are limited to JSON scalars so a line is
/// written without reflection (Native AOT).
/// </summary>
public readonly record struct LogField
{
    private LogField(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Value = value;
    }

    /// <summary>The JSON property name.</summary>
    public string Name { get; }

    /// <summary>A string, long, double, bool or null.</summary>
    public object? Value { get; }

    /// <summary>A string field.</summary>
    public static LogField Of(string name, string? value) => new(name, value);

    /// <summary>An integer field.</summary>
    public static LogField Of(string name, long value) => new(name, value);

    /// <summary>A floating-point field.</summary>
    public static LogField Of(string name, double value) => new(name, value);

    /// <summary>A boolean field.</summary>
    public static LogField Of(string name, bool value) => new(name, value);
}
