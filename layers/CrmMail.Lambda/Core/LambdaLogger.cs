using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrmMail.Lambda.Core;

/// <summary>
/// Writes one line per entry to a <see cref="TextWriter"/> (stdout in Lambda): a JSON object
/// when <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>, a tab-separated text line otherwise. Field values are
/// JSON scalars only, so no reflection is involved.
/// </summary>
public sealed class LambdaLogger : ILambdaLogger
{
    // Names Lambda's own JSON format uses; a field may not overwrite them.
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "timestamp", "level", "requestId", "traceId", "message",
    };

    private readonly LambdaLogSink _sink;
    private readonly string _requestId;
    private readonly string _traceId;

    /// <summary>Creates a logger that is not yet bound to an invocation.</summary>
    public LambdaLogger(TextWriter output, TimeProvider timeProvider, LambdaLogFormat format, LogLevel minimumLevel)
        : this(new LambdaLogSink(output, timeProvider, format, minimumLevel), string.Empty, string.Empty)
    {
    }

    private LambdaLogger(LambdaLogSink sink, string requestId, string traceId)
    {
        _sink = sink;
        _requestId = requestId;
        _traceId = traceId;
    }

    /// <summary>The configured format.</summary>
    public LambdaLogFormat Format => _sink.Format;

    /// <summary>Builds a logger from <c>AWS_LAMBDA_LOG_FORMAT</c> and <c>AWS_LAMBDA_LOG_LEVEL</c>.</summary>
    public static LambdaLogger FromEnvironment(IEnvironmentVariables environment, TextWriter output, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var format = string.Equals(environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_FORMAT"), "JSON", StringComparison.OrdinalIgnoreCase)
            ? LambdaLogFormat.Json
            : LambdaLogFormat.Text;
        var level = ParseLevel(environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_LEVEL")) ?? LogLevel.Information;
        return new LambdaLogger(output, timeProvider, format, level);
    }

    /// <summary>A logger whose lines carry this invocation's request and trace ids.</summary>
    public LambdaLogger ForInvocation(string requestId, string? traceId) => new(_sink, requestId, traceId ?? string.Empty);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel level) => level >= _sink.MinimumLevel;

    /// <inheritdoc />
    public void LogLine(string message) => Log(LogLevel.Information, message);

    /// <inheritdoc />
    public void Log(LogLevel level, string message, params ReadOnlySpan<LogField> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var line = _sink.Format == LambdaLogFormat.Json
            ? FormatJson(level, message, fields)
            : FormatText(level, message, fields);
        _sink.Write(line);
    }

    /// <summary>Lambda's level names (<c>AWS_LAMBDA_LOG_LEVEL</c> values).</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "FATAL",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    private static LogLevel? ParseLevel(string? value) => value?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        _ => null,
    };

    private string FormatJson(LogLevel level, string message, ReadOnlySpan<LogField> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", _sink.Now().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteString("level", LevelName(level));
            writer.WriteString("requestId", _requestId);
            if (_traceId.Length > 0)
            {
                writer.WriteString("traceId", _traceId);
            }

            writer.WriteString("message", message);
            foreach (var field in fields)
            {
                var name = ReservedNames.Contains(field.Name) ? "field_" + field.Name : field.Name;
                WriteValue(writer, name, field.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string FormatText(LogLevel level, string message, ReadOnlySpan<LogField> fields)
    {
        var builder = new StringBuilder(128);
        builder.Append(_sink.Now().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append('\t').Append(_requestId)
            .Append('\t').Append(LevelName(level))
            .Append('\t').Append(message.ReplaceLineEndings(" "));
        foreach (var field in fields)
        {
            builder.Append(' ').Append(field.Name).Append('=').Append(FormatScalar(field.Value));
        }

        return builder.ToString();
    }

    private static string FormatScalar(object? value) => value switch
    {
        null => "null",
        string s => s.ReplaceLineEndings(" "),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("LogField holds only JSON scalars."),
    };

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(name); break;
            case string s: writer.WriteString(name, s); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case long l: writer.WriteNumber(name, l); break;
            case double d when double.IsFinite(d): writer.WriteNumber(name, d); break;
            case double d: writer.WriteString(name, d.ToString(CultureInfo.InvariantCulture)); break;
            default: throw new InvalidOperationException("LogField holds only JSON scalars.");
        }
    }

    private sealed class LambdaLogSink(TextWriter output, TimeProvider timeProvider, LambdaLogFormat format, LogLevel minimumLevel)
    {
        private readonly Lock _gate = new();

        public LambdaLogFormat Format { get; } = format;

        public LogLevel MinimumLevel { get; } = minimumLevel;

        public DateTimeOffset Now() => timeProvider.GetUtcNow();

        public void Write(string line)
        {
            // Lines from concurrent tasks must never interleave.
            lock (_gate)
            {
                output.Write(line);
                output.Write('\n');
                output.Flush();
            }
        }
    }
}
