using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmMail.Mail.Validation;

namespace CrmMail.Campaigns;

/// <summary>
/// Reads an uploaded recipient list: JSON lines (a line starting with <c>{</c>:
/// <c>{"email":"…","customIds":["…"]}</c>) or CSV (RFC 4180 quoting; an optional header line
/// <c>email[,customIds]</c>; customIds separated by <c>;</c> or spaces inside their cell). Each
/// address goes through send-mail's <see cref="AddressSyntax"/>, the same check as an inline
/// <c>to</c>; a bad row is reported with its line number, never skipped silently.
/// </summary>
public static partial class RecipientListParser
{
    /// <summary>The field the errors name (the request's key of the list).</summary>
    public const string Field = "recipientsS3Key";

    /// <summary>Errors listed one by one; the rest are counted in one more error, so the answer stays small.</summary>
    public const int MaxListedErrors = 100;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static RecipientListParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<ListedRecipient>();
        var errors = new List<FieldError>();
        var hidden = 0;
        void Fail(int line, string message)
        {
            if (errors.Count < MaxListedErrors)
            {
                errors.Add(new FieldError(Field, string.Create(CultureInfo.InvariantCulture, $"Line {line}: {message}")));
            }
            else
            {
                hidden++;
            }
        }

        var body = text.StartsWith('\uFEFF') ? text[1..] : text;
        var json = body.TrimStart().StartsWith('{');
        var line = 0;
        foreach (var (number, cells) in json ? JsonRecords(body) : CsvRecords(body))
        {
            line++;
            if (cells is null)
            {
                Fail(number, json ? "not a JSON object with an \"email\" string." : "unbalanced quotes.");
                continue;
            }

            if (cells.Count == 0 || (cells.Count == 1 && cells[0].Length == 0))
            {
                continue;
            }

            if (!json && line == 1 && string.Equals(cells[0].Trim(), "email", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!AddressSyntax.TryNormalizeAddress(cells[0].Trim(), out var address))
            {
                Fail(number, "not a valid e-mail address.");
                continue;
            }

            var ids = new List<string>();
            var idsOk = true;
            for (var i = 1; i < cells.Count; i++)
            {
                // A JSON id is one array element as given; a CSV cell holds several.
                foreach (var id in json ? [cells[i]] : cells[i].Split([';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!CustomIdPattern().IsMatch(id))
                    {
                        idsOk = false;
                    }
                    else if (!ids.Contains(id, StringComparer.Ordinal))
                    {
                        ids.Add(id);
                    }
                }
            }

            if (!idsOk)
            {
                Fail(number, "customIds must match [A-Za-z0-9_-]{1,64}.");
                continue;
            }

            rows.Add(new ListedRecipient(number, address, ids));
        }

        if (hidden > 0)
        {
            errors.Add(new FieldError(Field, string.Create(CultureInfo.InvariantCulture, $"{hidden} more bad lines not listed.")));
        }

        return new RecipientListParse(rows, errors);
    }

    // (line number, [email, customIds…]) per line; null cells when the line is not an object with an email.
    private static IEnumerable<(int Line, List<string>? Cells)> JsonRecords(string body)
    {
        var number = 0;
        foreach (var raw in body.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            yield return (number, JsonCells(line));
        }
    }

    private static List<string>? JsonCells(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("email", out var email) || email.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var cells = new List<string> { email.GetString()! };
            if (root.TryGetProperty("customIds", out var ids) && ids.ValueKind != JsonValueKind.Null)
            {
                if (ids.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                foreach (var id in ids.EnumerateArray())
                {
                    // A non-string id becomes a cell the id pattern refuses.
                    cells.Add(id.ValueKind == JsonValueKind.String ? id.GetString()! : "?");
                }
            }

            return cells;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // RFC 4180: fields separated by commas, quoted fields may hold commas, doubled quotes and
    // line breaks; a record is numbered by the line it starts on.
    private static IEnumerable<(int Line, List<string>? Cells)> CsvRecords(string body)
    {
        var line = 1;
        var position = 0;
        while (position < body.Length)
        {
            var start = line;
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var broken = false;
            var ended = false;
            while (position < body.Length && !ended)
            {
                var c = body[position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (position < body.Length && body[position] == '"')
                        {
                            cell.Append('"');
                            position++;
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        cell.Append(c);
                    }
                }
                else if (c == '"' && cell.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\n')
                {
                    line++;
                    ended = true;
                }
                else if (c != '\r')
                {
                    cell.Append(c);
                }
            }

            if (quoted)
            {
                broken = true;
            }

            cells.Add(cell.ToString());
            yield return (start, broken ? null : cells);
        }
    }

    // \z, not $: $ also matches before a final line break, which would let "DN-1\n" through.
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z")]
    private static partial Regex CustomIdPattern();
}
