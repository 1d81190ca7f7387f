using System.Text.Json;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Templates;
using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Outreach;

/// <summary>
/// Checks an outreach request before anything is sent and lists every problem at once: the
/// recipients (a string or a list, distinct after normalization, at most
/// <paramref name="maxRecipients"/>), one-line subject, sender and reply-to, html and/or text
/// (send-email) or a template name (send-template-email), tags and the variables
/// (<see cref="MessageVariables"/>). <paramref name="defaultFrom"/> is the sender when the
/// request names none.
/// </summary>
public sealed class OutreachValidator(int maxRecipients, int maxBodyCharacters, string? defaultFrom)
{
    /// <summary>Most tags per request.</summary>
    public const int MaxTags = 10;

    /// <summary>Longest tag.</summary>
    public const int MaxTagLength = 128;

    /// <summary>Validates a send-email request.</summary>
    public OutreachValidation ValidateEmail(OutreachRequest request) => Validate(request, template: false);

    /// <summary>Validates a send-template-email request.</summary>
    public OutreachValidation ValidateTemplate(OutreachRequest request) => Validate(request, template: true);

    private OutreachValidation Validate(OutreachRequest request, bool template)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<FieldError>();
        var recipients = Recipients(request.To, problems);

        var subject = request.Subject;
        if (subject is null || (!template && string.IsNullOrWhiteSpace(subject)))
        {
            if (!template)
            {
                problems.Add(new("subject", "A subject is required."));
            }
        }
        else if (subject.Length > SendMailValidator.MaxSubjectLength || subject.Any(char.IsControl) || string.IsNullOrWhiteSpace(subject))
        {
            problems.Add(new("subject", $"One line of at most {SendMailValidator.MaxSubjectLength} characters."));
        }

        var fromInput = request.From ?? defaultFrom;
        string from = string.Empty;
        if (fromInput is null)
        {
            problems.Add(new("from", "A sender is required (this deployment has no default)."));
        }
        else if (!AddressSyntax.TryNormalizeMailbox(fromInput, out from))
        {
            problems.Add(new("from", "Not a valid sender (address or \"Name <address>\", one line)."));
        }

        string? replyTo = null;
        if (request.ReplyTo is not null && !AddressSyntax.TryNormalizeMailbox(request.ReplyTo, out replyTo))
        {
            problems.Add(new("replyTo", "Not a valid reply-to address (one line)."));
        }

        var html = request.Html ?? string.Empty;
        var text = request.Text ?? string.Empty;
        string? templateName = null;
        IReadOnlyList<MailTag> variables = [];
        IReadOnlyDictionary<string, string> templateVariables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template)
        {
            if (!TemplateRenderer.IsValidName(request.Template))
            {
                problems.Add(new("template", $"A template name of 1 to {TemplateRenderer.MaxNameLength} letters, digits, '_' or '-' is required."));
            }
            else
            {
                templateName = request.Template;
            }

            templateVariables = MessageVariables.CheckTemplateVariables(request.TemplateVariables, problems);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(html) && string.IsNullOrWhiteSpace(text))
            {
                problems.Add(new("html", "Either text or html content is required."));
            }

            if (html.Length + text.Length > maxBodyCharacters)
            {
                problems.Add(new("html", $"html and text together are limited to {maxBodyCharacters} characters."));
            }

            variables = MessageVariables.CheckCustomVariables(request.CustomVariables, problems);
        }

        var tags = new List<string>();
        if (request.Tags is { } requested)
        {
            if (requested.Count > MaxTags)
            {
                problems.Add(new("tags", $"At most {MaxTags} tags."));
            }

            for (var i = 0; i < requested.Count && i < MaxTags; i++)
            {
                if (requested[i] is not { Length: > 0 and <= MaxTagLength } tag || tag.Any(char.IsControl))
                {
                    problems.Add(new($"tags[{i}]", $"A tag is one line of 1 to {MaxTagLength} characters."));
                }
                else
                {
                    tags.Add(tag);
                }
            }
        }

        var tracking = request.TrackingSettings is { } settings ? new MailTracking(settings.Opens, settings.Clicks) : null;
        return problems.Count == 0
            ? new OutreachValidation(new OutreachCommand(recipients, from, replyTo, subject, template ? string.Empty : html, template ? string.Empty : text, tags, variables, tracking, templateName, templateVariables), [])
            : new OutreachValidation(null, problems);
    }

    private List<string> Recipients(JsonElement? to, List<FieldError> problems)
    {
        var inputs = new List<string?>();
        switch (to)
        {
            case { ValueKind: JsonValueKind.String } single:
                inputs.Add(single.GetString());
                break;
            case { ValueKind: JsonValueKind.Array } list:
                inputs.AddRange(list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null));
                break;
        }

        if (inputs.Count == 0)
        {
            problems.Add(new("to", "At least one recipient is required (a string or a list of strings)."));
            return [];
        }

        var recipients = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!AddressSyntax.TryNormalizeAddress(inputs[i], out var address))
            {
                problems.Add(new(to!.Value.ValueKind == JsonValueKind.String ? "to" : $"to[{i}]", "Not a valid e-mail address."));
            }
            else if (seen.Add(address))
            {
                // A duplicate would get the same mail twice; it is sent once.
                recipients.Add(address);
            }
        }

        if (recipients.Count > maxRecipients)
        {
            problems.Add(new("to", $"At most {maxRecipients} distinct recipients per request."));
        }

        return recipients;
    }
}
