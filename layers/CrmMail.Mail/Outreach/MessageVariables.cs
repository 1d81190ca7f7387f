using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Outreach;

/// <summary>
/// The bounds on the CRM's <c>customVariables</c> and <c>templateVariables</c>. Custom variables
/// go to the provider (Mailgun <c>v:</c> fields, SES tags), where recipients and event streams
/// see them: at most <see cref="MaxCustomVariables"/> keys of the syntax
/// <c>[A-Za-z_][A-Za-z0-9_]{0,39}</c>, string values of at most
/// <see cref="MaxCustomValueLength"/> characters, one line, and never an e-mail address or
/// anything shaped like a token (an unsubscribe link, a long base64url run). Template variables
/// are rendered here and never leave the suite as variables: at most
/// <see cref="MaxTemplateVariables"/> keys, string, number or boolean values of at most
/// <see cref="MaxTemplateValueLength"/> characters.
/// </summary>
public static partial class MessageVariables
{
    /// <summary>Most custom variables per request.</summary>
    public const int MaxCustomVariables = 20;

    /// <summary>Longest custom variable value.</summary>
    public const int MaxCustomValueLength = 256;

    /// <summary>Most template variables per request.</summary>
    public const int MaxTemplateVariables = 50;

    /// <summary>Longest template variable value.</summary>
    public const int MaxTemplateValueLength = 2000;

    /// <summary>Checks <paramref name="variables"/> (customVariables); problems go to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<MailTag> CheckCustomVariables(IReadOnlyDictionary<string, JsonElement>? variables, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (variables is null)
        {
            return [];
        }

        if (variables.Count > MaxCustomVariables)
        {
            errors.Add(new("customVariables", $"At most {MaxCustomVariables} custom variables."));
            return [];
        }

        var checkedVariables = new List<MailTag>(variables.Count);
        foreach (var (key, element) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var field = "customVariables." + (CustomKeyPattern().IsMatch(key) ? key : "(key)");
            if (!CustomKeyPattern().IsMatch(key))
            {
                errors.Add(new(field, "A key is a letter or '_' then up to 39 letters, digits or '_'."));
            }
            else if (element.ValueKind != JsonValueKind.String)
            {
                errors.Add(new(field, "A custom variable's value is a string."));
            }
            else if (element.GetString() is not { } value || value.Length > MaxCustomValueLength || value.Any(char.IsControl))
            {
                errors.Add(new(field, $"A custom variable's value is one line of at most {MaxCustomValueLength} characters."));
            }
            else if (AddressPattern().IsMatch(value))
            {
                errors.Add(new(field, "A custom variable may not hold an e-mail address: the provider shows its variables to recipients and in its events."));
            }
            else if (value.Contains("unsubscribe", StringComparison.OrdinalIgnoreCase) || TokenPattern().IsMatch(value))
            {
                errors.Add(new(field, "A custom variable may not hold a token or an unsubscribe link."));
            }
            else
            {
                checkedVariables.Add(new MailTag(key, value));
            }
        }

        return checkedVariables;
    }

    /// <summary>Checks <paramref name="variables"/> (templateVariables) and renders each value as text.</summary>
    public static IReadOnlyDictionary<string, string> CheckTemplateVariables(IReadOnlyDictionary<string, JsonElement>? variables, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (variables is null)
        {
            return result;
        }

        if (variables.Count > MaxTemplateVariables)
        {
            errors.Add(new("templateVariables", $"At most {MaxTemplateVariables} template variables."));
            return result;
        }

        foreach (var (key, element) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var field = "templateVariables." + (TemplateKeyPattern().IsMatch(key) ? key : "(key)");
            if (!TemplateKeyPattern().IsMatch(key))
            {
                errors.Add(new(field, "A key is a letter or '_' then up to 63 letters, digits or '_'."));
                continue;
            }

            string? value = element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                // The number as the CRM wrote it (invariant, never re-formatted by culture).
                JsonValueKind.Number => element.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (value is null)
            {
                errors.Add(new(field, "A template variable is a string, a number or a boolean."));
            }
            else if (value.Length > MaxTemplateValueLength || value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            {
                errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"A template variable is at most {MaxTemplateValueLength} characters without control characters.")));
            }
            else
            {
                result[key] = value;
            }
        }

        return result;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,39}\z")]
    private static partial Regex CustomKeyPattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}\z")]
    private static partial Regex TemplateKeyPattern();

    [GeneratedRegex(@"[^\s@<>""]+@[^\s@<>""]+\.[^\s@<>""]+")]
    private static partial Regex AddressPattern();

    // Sealed tokens and API keys are long base64url runs; no legitimate label is.
    [GeneratedRegex("[A-Za-z0-9_-]{40,}")]
    private static partial Regex TokenPattern();
}
