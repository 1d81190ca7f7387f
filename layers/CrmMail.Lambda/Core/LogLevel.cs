namespace CrmMail.Lambda.Core;

/// <summary>Log levels, in the order and with the names Lambda's JSON log format uses.</summary>
public enum LogLevel
{
    /// <summary>Finest detail.</summary>
    Trace = 0,

    /// <summary>Diagnostic detail.</summary>
    Debug = 1,

    /// <summary>Normal operation.</summary>
    Information = 2,

    /// <summary>Something unexpected that was handled.</summary>
    Warning = 3,

    /// <summary>An operation failed.</summary>
    Error = 4,

    /// <summary>The process cannot go on.</summary>
    Critical = 5,
}
