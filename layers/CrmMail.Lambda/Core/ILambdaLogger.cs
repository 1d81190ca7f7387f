namespace CrmMail.Lambda.Core;

/// <summary>The function's logger, as <c>Amazon.Lambda.Core.ILambdaLogger</c> has it, plus structured fields.</summary>
public interface ILambdaLogger
{
    /// <summary>Writes a line at <see cref="LogLevel.Information"/>.</summary>
    void LogLine(string message);

    /// <summary>Writes a line at the given level with structured fields.</summary>
    void Log(LogLevel level, string message, params ReadOnlySpan<LogField> fields);

    /// <summary>Whether lines at <paramref name="level"/> are written (<c>AWS_LAMBDA_LOG_LEVEL</c>).</summary>
    bool IsEnabled(LogLevel level);
}
