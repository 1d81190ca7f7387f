using CrmMail.Mail.Composition;

namespace CrmMail.Mail.Outreach;

/// <summary>A validated outreach request: every field checked and normalised.</summary>
/// <param name="Recipients">Distinct normalized addresses.</param>
/// <param name="From">The sender mailbox.</param>
/// <param name="ReplyTo">Reply-To, or null.</param>
/// <param name="Subject">The subject (send-email), or the template's override, or null.</param>
/// <param name="Html">HTML body (send-email; may be empty when text is given).</param>
/// <param name="Text">Text body (send-email; may be empty when html is given).</param>
/// <param name="Tags">The CRM's tags.</param>
/// <param name="Variables">Custom variables for the provider (checked: no address, no token).</param>
/// <param name="Tracking">Tracking asked for.</param>
/// <param name="Template">The template name (send-template-email), or null.</param>
/// <param name="TemplateVariables">The template's variables as text.</param>
public sealed record OutreachCommand(
    IReadOnlyList<string> Recipients,
    string From,
    string? ReplyTo,
    string? Subject,
    string Html,
    string Text,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MailTag> Variables,
    MailTracking? Tracking,
    string? Template,
    IReadOnlyDictionary<string, string> TemplateVariables);
