namespace CrmMail.Mail.Templates;

/// <summary>
/// A stored email template: SES v2's TemplateContent (subject, html, text), or a Mailgun
/// stored template (html, and the subject from its version's headers). Placeholders are
/// <c>{{name}}</c>; <see cref="TemplateRenderer"/> fills them.
/// </summary>
/// <param name="Name">The template's name (<see cref="TemplateRenderer.IsValidName"/>).</param>
/// <param name="Subject">The subject, or null when the request must give one.</param>
/// <param name="Html">The HTML part, or null.</param>
/// <param name="Text">The text part, or null.</param>
public sealed record EmailTemplate(string Name, string? Subject, string? Html, string? Text);
