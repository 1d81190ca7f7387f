using System.Text;
using CrmMail.Lambda.Core;

namespace CrmMail.Lambda.TestUtilities;

/// <summary>A logger that keeps every line (level, message, fields as key=value) for assertions.</summary>
public sealed class TestLambdaLogger : ILambdaLogger
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    /// <summary>Everything written so far, one line per entry.</summary>
    public string Buffer
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel level) => true;

    /// <inheritdoc />
    public void LogLine(string message) => Log(LogLevel.Information, message);

    /// <inheritdoc />
    public void Log(LogLevel level, string message, params ReadOnlySpan<LogField> fields)
    {
        var builder = new StringBuilder().Append(LambdaLogger.LevelName(level)).Append(' ').Append(message);
        foreach (var field in fields)
        {
            builder.Append(' ').Append(field.Name).Append('=').Append(field.Value);
        }

        lock (_gate)
        {
            _lines.Add(builder.ToString());
        }
    }
}
