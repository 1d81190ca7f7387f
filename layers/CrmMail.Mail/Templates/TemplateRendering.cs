using CrmMail.Mail.Validation;

namespace CrmMail.Mail.Templates;

/// <summary>A rendered template (subject, html, text; a part the template lacks is empty) or the problems, each naming its variable.</summary>
public sealed record TemplateRendering(string Subject, string Html, string Text, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True when there are no problems.</summary>
    public bool IsValid => Errors.Count == 0;
}
