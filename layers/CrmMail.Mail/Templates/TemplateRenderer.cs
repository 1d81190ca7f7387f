using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Templates;

/// <summary>
/// Fills a stored template's <c>{{name}}</c> placeholders with the request's variables, here
/// and not at the provider, because each recipient's unsubscribe token and footer go in after
/// rendering and must never be provider variables. Values inserted into HTML are HTML-encoded
/// (<c>{{{name}}}</c> too: nothing is ever inserted raw); the subject must stay one line. A
/// placeholder without a variable, or a variable the template does not use, is an error naming
/// it; so is a placeholder that is not a plain name (block helpers are not supported).
/// </summary>
public static partial class TemplateRenderer
{
    /// <summary>The longest template name (SES allows 64 of letters, digits, '_' and '-').</summary>
    public const int MaxNameLength = 64;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Whether <paramref name="name"/> is a template name both SES and Mailgun accept.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>
    /// Renders <paramref name="template"/> with <paramref name="variables"/> (checked by
    /// <see cref="Outreach.MessageVariables.CheckTemplateVariables"/>); <paramref name="subject"/>,
    /// when given, replaces the template's subject.
    /// </summary>
    public static TemplateRendering Render(EmailTemplate template, IReadOnlyDictionary<string, string> variables, string? subject)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var errors = new List<FieldError>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);

        string Fill(string? part, Func<string, string> encode)
        {
            if (string.IsNullOrEmpty(part))
            {
                return string.Empty;
            }

            var builder = new StringBuilder(part.Length + 256);
            var at = 0;
            foreach (Match match in Placeholder().Matches(part))
            {
                builder.Append(part, at, match.Index - at);
                at = match.Index + match.Length;
                var name = match.Groups["name"].Value.Trim();
                if (!VariableNamePattern().IsMatch(name))
                {
                    errors.Add(new("template", $"The template uses '{match.Value}', which is not a plain {{{{name}}}} placeholder."));
                    continue;
                }

                used.Add(name);
                if (variables.TryGetValue(name, out var value))
                {
                    builder.Append(encode(value));
                }
                else
                {
                    missing.Add(name);
                }
            }

            return builder.Append(part, at, part.Length - at).ToString();
        }

        var renderedSubject = subject ?? Fill(template.Subject, static v => v);
        var html = Fill(template.Html, Html.Encode);
        var text = Fill(template.Text, static v => v);
        foreach (var name in missing)
        {
            errors.Add(new("templateVariables." + name, $"The template uses '{name}' and the request gives no value for it."));
        }

        foreach (var name in variables.Keys.Where(k => !used.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new("templateVariables." + name, $"The template '{template.Name}' has no variable '{name}'."));
        }

        if (string.IsNullOrWhiteSpace(renderedSubject))
        {
            errors.Add(new("subject", "The template has no subject: the request must give one."));
        }
        else if (renderedSubject.Length > SendMailValidator.MaxSubjectLength || renderedSubject.Any(char.IsControl))
        {
            errors.Add(new("subject", $"The rendered subject must be one line of at most {SendMailValidator.MaxSubjectLength} characters."));
        }

        if (html.Length == 0 && text.Length == 0)
        {
            errors.Add(new("template", $"The template '{template.Name}' has neither an html nor a text part."));
        }

        return new TemplateRendering(renderedSubject, html, text, errors);
    }

    [GeneratedRegex(@"\{\{\{?(?<name>[^{}]*?)\}?\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}\z")]
    private static partial Regex VariableNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex NamePattern();
}
