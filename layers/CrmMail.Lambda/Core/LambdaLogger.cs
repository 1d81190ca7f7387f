using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmMail.Lambda.RuntimeSupport;

namespace CrmMail.Lambda.Core;

/// <summary>
/// Writes one line per entry to a <see cref="TextWriter"/> (stdout in Lambda): a JSON object
/// when <c>AWS_LAMBDA_LOG_FORMAT=JSON</c>, a tab-separated text line otherwise. As the runtime's
/// logger, a message template's placeholders become the JSON object's properties (numbers,
/// booleans and strings as such, anything else as invariant text, so no reflection is involved).
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

    /// <summary>Whether lines at <paramref name="level"/> are written (<c>AWS_LAMBDA_LOG_LEVEL</c>).</summary>
    public bool IsEnabled(LogLevel level) => level >= _sink.MinimumLevel;

    /// <inheritdoc />
    public void Log(string message) => Write(LogLevel.Information, message, null, null);

    /// <inheritdoc />
    public void LogLine(string message) => Write(LogLevel.Information, message, null, null);

    /// <inheritdoc />
    public void Log(string level, string message) => Write(ParseLevelName(level), message, null, null);

    /// <inheritdoc />
    public void Log(string level, string message, params object[] args) => Write(ParseLevelName(level), message, args, null);

    /// <inheritdoc />
    public void Log(string level, Exception exception, string message, params object[] args) => Write(ParseLevelName(level), message, args, exception);

    private void Write(LogLevel level, string template, object[]? args, Exception? exception)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        // As the runtime: without arguments the message is taken as written, braces and all.
        var properties = args is { Length: > 0 } ? new List<KeyValuePair<string, object?>>(args.Length) : null;
        var message = properties is null ? template : MessageTemplate.Render(template, args, properties);
        var line = _sink.Format == LambdaLogFormat.Json
            ? FormatJson(level, message, properties, exception)
            : FormatText(level, message, exception);
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

    // The level names the interface passes (LogLevel.ToString()) and Lambda's own; anything else is Information.
    private static LogLevel ParseLevelName(string? level)
        => Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : ParseLevel(level) ?? LogLevel.Information;

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

    private string FormatJson(LogLevel level, string message, List<KeyValuePair<string, object?>>? properties, Exception? exception)
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
            foreach (var (name, value) in properties ?? [])
            {
                WriteValue(writer, ReservedNames.Contains(name) ? "field_" + name : name, value);
            }

            if (exception is not null)
            {
                writer.WriteString("errorType", exception.GetType().FullName);
                writer.WriteString("errorMessage", exception.Message);
                writer.WriteStartArray("stackTrace");
                foreach (var frame in (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    writer.WriteStringValue(frame);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private string FormatText(LogLevel level, string message, Exception? exception)
    {
        var builder = new StringBuilder(128);
        builder.Append(_sink.Now().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
            .Append('\t').Append(_requestId)
            .Append('\t').Append(LevelName(level))
            .Append('\t').Append(message.ReplaceLineEndings(" "));
        if (exception is not null)
        {
            builder.Append(' ').Append(exception.ToString().ReplaceLineEndings(" "));
        }

        return builder.ToString();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(name); break;
            case string s: writer.WriteString(name, s); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case long l: writer.WriteNumber(name, l); break;
            case int i: writer.WriteNumber(name, i); break;
            case double d when double.IsFinite(d): writer.WriteNumber(name, d); break;
            case decimal m: writer.WriteNumber(name, m); break;
            default: writer.WriteString(name, MessageTemplate.Invariant(value)); break;
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
