using System.Globalization;
using System.Text;

namespace CrmMail.Lambda.RuntimeSupport;

/// <summary>
/// Message templates as the Lambda runtime reads them (<c>"sent {count} to {topic}"</c>): each
/// <c>{name}</c> takes the next argument, <c>{{</c> and <c>}}</c> are literal braces, a
/// placeholder without an argument stays as written. A leading <c>@</c> or a <c>:format</c>
/// suffix is dropped from the property name. Values are rendered with the invariant culture.
/// </summary>
internal static class MessageTemplate
{
    /// <summary>The rendered message and each placeholder's name with its argument.</summary>
    public static string Render(string template, object?[]? args, List<KeyValuePair<string, object?>>? properties = null, Func<object?, string>? format = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        format ??= Invariant;
        var builder = new StringBuilder(template.Length + 32);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                builder.Append(c);
                i++;
                continue;
            }

            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0)
            {
                builder.Append(c);
                continue;
            }

            var name = PropertyName(template.AsSpan(i + 1, close - i - 1));
            if (args is null || next >= args.Length || name.Length == 0)
            {
                builder.Append(template, i, close - i + 1);
            }
            else
            {
                var value = args[next++];
                builder.Append(format(value));
                properties?.Add(new(name, value));
            }

            i = close;
        }

        return builder.ToString();
    }

    /// <summary>A value as text: null, booleans in lower case, numbers and dates in the invariant culture.</summary>
    public static string Invariant(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string PropertyName(ReadOnlySpan<char> placeholder)
    {
        var end = placeholder.IndexOfAny(':', ',');
        var name = (end < 0 ? placeholder : placeholder[..end]).Trim();
        return (name.Length > 0 && name[0] is '@' or '$' ? name[1..] : name).ToString();
    }
}
