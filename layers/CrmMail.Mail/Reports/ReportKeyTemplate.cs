using System.Text;

namespace CrmMail.Mail.Reports;

/// <summary>
/// The report key template (default <c>{year}/{month}/{customId}.pdf</c>): the S3 key of a
/// report. Only the placeholders {year}, {month} and {customId} exist; literal text is limited
/// to <c>[A-Za-z0-9/_.-]</c>, and the values are validated before they are substituted, so a
/// key can never climb out of its prefix or need URL encoding.
/// </summary>
public sealed class ReportKeyTemplate
{
    /// <summary>The default template.</summary>
    public const string Default = "{year}/{month}/{customId}.pdf";

    private readonly string _template;

    private ReportKeyTemplate(string template) => _template = template;

    /// <summary>Parses and validates a template.</summary>
    /// <exception cref="FormatException">Unknown placeholder, unsafe literal, or no {customId}.</exception>
    public static ReportKeyTemplate Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var literal = new StringBuilder();
        var rest = template;
        while (rest.Length > 0)
        {
            var open = rest.IndexOf('{', StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(rest);
                break;
            }

            literal.Append(rest[..open]);
            var close = rest.IndexOf('}', open);
            var name = close < 0 ? string.Empty : rest[(open + 1)..close];
            if (name is not ("year" or "month" or "customId"))
            {
                throw new FormatException($"unknown placeholder in '{template}' (use {{year}}, {{month}}, {{customId}})");
            }

            rest = rest[(close + 1)..];
        }

        if (!template.Contains("{customId}", StringComparison.Ordinal))
        {
            throw new FormatException("it must contain {customId}");
        }

        var text = literal.ToString();
        if (text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '.' or '-')) || template.StartsWith('/') || text.Contains("..", StringComparison.Ordinal))
        {
            throw new FormatException($"'{template}' may only contain letters, digits, / _ . - and placeholders, and may not start with / or contain '..'");
        }

        return new ReportKeyTemplate(template);
    }

    /// <summary>The key for one payee's report.</summary>
    public string Key(string year, string month, string customId)
        => _template.Replace("{year}", year, StringComparison.Ordinal).Replace("{month}", month, StringComparison.Ordinal).Replace("{customId}", customId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => _template;
}
