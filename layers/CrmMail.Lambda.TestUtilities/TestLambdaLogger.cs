using System.Text;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;

namespace CrmMail.Lambda.TestUtilities;

/// <summary>
/// A logger that keeps every line for assertions: the level's Lambda name, then the message
/// with its template rendered (so a structured field <c>"eventId={eventId}"</c> reads
/// <c>eventId=e1</c>), then the exception when one was given.
/// </summary>
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
    public void Log(string message) => Add(LogLevel.Information.ToString(), message);

    /// <inheritdoc />
    public void LogLine(string message) => Add(LogLevel.Information.ToString(), message);

    /// <inheritdoc />
    public void Log(string level, string message) => Add(level, message);

    /// <inheritdoc />
    public void Log(string level, string message, params object[] args) => Add(level, MessageTemplate.Render(message, args));

    /// <inheritdoc />
    public void Log(string level, Exception exception, string message, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Add(level, MessageTemplate.Render(message, args) + " " + exception);
    }

    private void Add(string level, string message)
    {
        var name = Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) ? LambdaLogger.LevelName(parsed) : level;
        var line = new StringBuilder(name).Append(' ').Append(message).ToString();
        lock (_gate)
        {
            _lines.Add(line);
        }
    }
}
