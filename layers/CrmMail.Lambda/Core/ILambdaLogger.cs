using CrmMail.Lambda.RuntimeSupport;

namespace CrmMail.Lambda.Core;

/// <summary>
/// The function's logger, with exactly the members of <c>Amazon.Lambda.Core.ILambdaLogger</c>
/// (net8.0 and later), so the official package replaces it by a namespace change and every call
/// binds to the same member. Structured fields travel as message-template arguments
/// (<c>"sent {count}"</c>, 3): the runtime's JSON format writes each placeholder as a property.
/// Our own structured helpers (<c>LogField</c>, <c>Write…</c>) live in the hosting kit and call
/// <see cref="Log(LogLevel, string, object[])"/>.
/// </summary>
public interface ILambdaLogger
{
    /// <summary>Logs a message.</summary>
    void Log(string message);

    /// <summary>Logs a message followed by a line terminator.</summary>
    void LogLine(string message);

    /// <summary>Logs a message at <paramref name="level"/> (a <see cref="LogLevel"/> name).</summary>
    void Log(string level, string message) => LogLine(message);

    /// <summary>Logs a message at <paramref name="level"/>.</summary>
    void Log(LogLevel level, string message) => Log(level.ToString(), message);

    /// <summary>Logs at Trace.</summary>
    void LogTrace(string message) => Log(LogLevel.Trace.ToString(), message);

    /// <summary>Logs at Debug.</summary>
    void LogDebug(string message) => Log(LogLevel.Debug.ToString(), message);

    /// <summary>Logs at Information.</summary>
    void LogInformation(string message) => Log(LogLevel.Information.ToString(), message);

    /// <summary>Logs at Warning.</summary>
    void LogWarning(string message) => Log(LogLevel.Warning.ToString(), message);

    /// <summary>Logs at Error.</summary>
    void LogError(string message) => Log(LogLevel.Error.ToString(), message);

    /// <summary>Logs at Critical.</summary>
    void LogCritical(string message) => Log(LogLevel.Critical.ToString(), message);

    /// <summary>
    /// Logs a message template at <paramref name="level"/>; <paramref name="args"/> fill its
    /// placeholders in order. (The official default calls itself; this one renders the template
    /// into the plain overload, so an implementation that overrides only that loses no text.)
    /// </summary>
    void Log(string level, string message, params object[] args) => Log(level, MessageTemplate.Render(message, args));

    /// <summary>Logs a message template and an exception at <paramref name="level"/>.</summary>
    void Log(string level, Exception exception, string message, params object[] args)
    {
        Log(level, message, args);
        Log(level, exception.ToString(), args);
    }

    /// <summary>Logs a message template at <paramref name="level"/>.</summary>
    void Log(LogLevel level, string message, params object[] args) => Log(level.ToString(), message, args);

    /// <summary>Logs a message template and an exception at <paramref name="level"/>.</summary>
    void Log(LogLevel level, Exception exception, string message, params object[] args) => Log(level.ToString(), exception, message, args);

    /// <summary>Logs a message template at Trace.</summary>
    void LogTrace(string message, params object[] args) => Log(LogLevel.Trace.ToString(), message, args);

    /// <summary>Logs a message template and an exception at Trace.</summary>
    void LogTrace(Exception exception, string message, params object[] args) => Log(LogLevel.Trace.ToString(), exception, message, args);

    /// <summary>Logs a message template at Debug.</summary>
    void LogDebug(string message, params object[] args) => Log(LogLevel.Debug.ToString(), message, args);

    /// <summary>Logs a message template and an exception at Debug.</summary>
    void LogDebug(Exception exception, string message, params object[] args) => Log(LogLevel.Debug.ToString(), exception, message, args);

    /// <summary>Logs a message template at Information.</summary>
    void LogInformation(string message, params object[] args) => Log(LogLevel.Information.ToString(), message, args);

    /// <summary>Logs a message template and an exception at Information.</summary>
    void LogInformation(Exception exception, string message, params object[] args) => Log(LogLevel.Information.ToString(), exception, message, args);

    /// <summary>Logs a message template at Warning.</summary>
    void LogWarning(string message, params object[] args) => Log(LogLevel.Warning.ToString(), message, args);

    /// <summary>Logs a message template and an exception at Warning.</summary>
    void LogWarning(Exception exception, string message, params object[] args) => Log(LogLevel.Warning.ToString(), exception, message, args);

    /// <summary>Logs a message template at Error.</summary>
    void LogError(string message, params object[] args) => Log(LogLevel.Error.ToString(), message, args);

    /// <summary>Logs a message template and an exception at Error.</summary>
    void LogError(Exception exception, string message, params object[] args) => Log(LogLevel.Error.ToString(), exception, message, args);

    /// <summary>Logs a message template at Critical.</summary>
    void LogCritical(string message, params object[] args) => Log(LogLevel.Critical.ToString(), message, args);

    /// <summary>Logs a message template and an exception at Critical.</summary>
    void LogCritical(Exception exception, string message, params object[] args) => Log(LogLevel.Critical.ToString(), exception, message, args);
}
