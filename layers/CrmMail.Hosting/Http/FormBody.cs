using System.Text;

namespace CrmMail.Hosting.Http;

/// <summary>
/// Reads the text fields of <c>application/x-www-form-urlencoded</c> and
/// <c>multipart/form-data</c> bodies (what RFC 8058 one-click POSTs and Mailgun webhooks
/// send). Malformed input yields no fields, never an exception. File parts are ignored.
/// </summary>
public static class FormBody
{
    private const int MaxFields = 256;

    /// <summary>The fields; the first value wins when a name repeats.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? contentType, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "application/x-www-form-urlencoded")
        {
            ParseUrlEncoded(body, fields);
        }
        else if (mediaType == "multipart/form-data" && Boundary(contentType!) is { } boundary)
        {
            ParseMultipart(body, boundary, fields);
        }

        return fields;
    }

    private static void ParseUrlEncoded(string body, Dictionary<string, string> fields)
    {
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (fields.Count >= MaxFields)
            {
                return;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (name is not null && value is not null)
            {
                fields.TryAdd(name, value);
            }
        }
    }

    private static string? Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static string? Boundary(string contentType)
    {
        foreach (var parameter in contentType.Split(';').Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter[..equals].Trim().Equals("boundary", StringComparison.OrdinalIgnoreCase))
            {
                var value = parameter[(equals + 1)..].Trim().Trim('"');
                // RFC 2046: 1 to 70 characters.
                return value.Length is > 0 and <= 70 ? value : null;
            }
        }

        return null;
    }

    private static void ParseMultipart(string body, string boundary, Dictionary<string, string> fields)
    {
        var delimiter = "--" + boundary;
        var sections = body.Split(delimiter, StringSplitOptions.None);
        // sections[0] is the preamble; a section starting with "--" is the epilogue marker.
        for (var i = 1; i < sections.Length && fields.Count < MaxFields; i++)
        {
            var section = sections[i];
            if (section.StartsWith("--", StringComparison.Ordinal))
            {
                return;
            }

            var headerEnd = section.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var separatorLength = 4;
            if (headerEnd < 0)
            {
                headerEnd = section.IndexOf("\n\n", StringComparison.Ordinal);
                separatorLength = 2;
            }

            if (headerEnd < 0)
            {
                continue;
            }

            var headers = section[..headerEnd];
            var content = section[(headerEnd + separatorLength)..];
            content = content.EndsWith("\r\n", StringComparison.Ordinal) ? content[..^2] : content.EndsWith('\n') ? content[..^1] : content;
            if (FieldName(headers) is { } name && !IsFile(headers))
            {
                fields.TryAdd(name, content);
            }
        }
    }

    private static string? FieldName(string headers)
    {
        foreach (var line in headers.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("content-disposition:", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var parameter in trimmed.Split(';').Skip(1))
            {
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0 && parameter[..equals].Trim().Equals("name", StringComparison.OrdinalIgnoreCase))
                {
                    return Unquote(parameter[(equals + 1)..].Trim());
                }
            }
        }

        return null;
    }

    private static bool IsFile(string headers) => headers.Contains("filename", StringComparison.OrdinalIgnoreCase);

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            var builder = new StringBuilder(value.Length);
            for (var i = 1; i < value.Length - 1; i++)
            {
                if (value[i] == '\\' && i + 1 < value.Length - 1)
                {
                    i++;
                }

                builder.Append(value[i]);
            }

            return builder.ToString();
        }

        return value;
    }
}
