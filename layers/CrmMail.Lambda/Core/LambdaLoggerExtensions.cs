namespace CrmMail.Lambda.Core;

/// <summary>Level shortcuts, named as in <c>Amazon.Lambda.Core</c>.</summary>
public static class LambdaLoggerExtensions
{
    /// <summary>Logs at Debug.</summary>
    public static void LogDebug(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => logger.Log(LogLevel.Debug, message, fields);

    /// <summary>Logs at Information.</summary>
    public static void LogInformation(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => logger.Log(LogLevel.Information, message, fields);

    /// <summary>Logs at Warning.</summary>
    public static void LogWarning(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => logger.Log(LogLevel.Warning, message, fields);

    /// <summary>Logs at Error.</summary>
    public static void LogError(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => logger.Log(LogLevel.Error, message, fields);

    /// <summary>Logs at Critical.</summary>
    public static void LogCritical(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => logger.Log(LogLevel.Critical, message, fields);
}
