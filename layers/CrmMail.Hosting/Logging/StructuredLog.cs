using System.Text;
using CrmMail.Lambda.Core;

namespace CrmMail.Hosting.Logging;

/// <summary>
/// Log lines with structured fields, written through the official <see cref="ILambdaLogger"/>
/// shape only: each <see cref="LogField"/> becomes a <c>name={name}</c> placeholder of a
/// message template and its value the matching argument, so the runtime's JSON format writes it
/// as a property (and the text format as <c>name=value</c>). The names are <c>Write…</c>, not
/// <c>Log…</c>: the interface's <c>LogInformation(string, params object[])</c> would win over an
/// extension of that name and take the fields as unnamed arguments.
/// </summary>
public static class StructuredLog
{
    /// <summary>Writes <paramref name="message"/> at <paramref name="level"/> with <paramref name="fields"/>.</summary>
    public static void Write(this ILambdaLogger logger, LogLevel level, string message, params ReadOnlySpan<LogField> fields)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(message);
        if (fields.IsEmpty)
        {
            // No template at all: the runtime takes a message without arguments as written.
            logger.Log(level, message);
            return;
        }

        var (template, args) = Template(message, fields);
        logger.Log(level, template, args);
    }

    /// <summary>Writes at Debug.</summary>
    public static void WriteDebug(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => Write(logger, LogLevel.Debug, message, fields);

    /// <summary>Writes at Information.</summary>
    public static void WriteInformation(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => Write(logger, LogLevel.Information, message, fields);

    /// <summary>Writes at Warning.</summary>
    public static void WriteWarning(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => Write(logger, LogLevel.Warning, message, fields);

    /// <summary>Writes at Error.</summary>
    public static void WriteError(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => Write(logger, LogLevel.Error, message, fields);

    /// <summary>Writes at Critical.</summary>
    public static void WriteCritical(this ILambdaLogger logger, string message, params ReadOnlySpan<LogField> fields)
        => Write(logger, LogLevel.Critical, message, fields);

    /// <summary>The message template and arguments a line with <paramref name="fields"/> is written as.</summary>
    public static (string Template, object[] Args) Template(string message, ReadOnlySpan<LogField> fields)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The message is text, not a template: its braces are escaped so they print as written.
        var template = new StringBuilder(message.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        var args = new object[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            template.Append(' ').Append(fields[i].Name).Append("={").Append(fields[i].Name).Append('}');
            // The runtime renders a null argument as "null"; the array's element type is the official object.
            args[i] = fields[i].Value!;
        }

        return (template.ToString(), args);
    }
}
