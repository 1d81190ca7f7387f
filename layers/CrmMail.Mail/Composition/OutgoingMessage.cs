namespace CrmMail.Mail.Composition;

/// <summary>One recipient's message, ready for a transport.</summary>
public sealed record OutgoingMessage(
    string From,
    string To,
    string? ReplyTo,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<MailHeader> Headers,
    IReadOnlyList<MailTag> Tags,
    string Topic);

/// <summary>A custom header (printable ASCII, one line).</summary>
public sealed record MailHeader(string Name, string Value);

/// <summary>A message tag, already sanitised to SES's rules.</summary>
public sealed record MailTag(string Name, string Value);
