namespace CrmMail.Mail.Composition;

/// <summary>
/// One outreach message before it is addressed: the sender's content (html and/or text, one of
/// them may be empty), the CRM's tags and custom variables, and tracking. The composer adds the
/// recipient's unsubscribe footer and headers.
/// </summary>
public sealed record OutreachMessage(
    string From,
    string? ReplyTo,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<string> Tags,
    IReadOnlyList<MailTag> Variables,
    MailTracking? Tracking);
