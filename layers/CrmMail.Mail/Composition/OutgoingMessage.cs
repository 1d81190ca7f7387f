namespace CrmMail.Mail.Composition;

/// <summary>One recipient's message, ready for a transport. An empty <see cref="Html"/> or <see cref="Text"/> is a part left out.</summary>
public sealed record OutgoingMessage(
    string From,
    string To,
    string? ReplyTo,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<MailHeader> Headers,
    IReadOnlyList<MailTag> Tags,
    string Topic)
{
    /// <summary>
    /// The caller's custom variables (Mailgun <c>v:</c> fields), already checked by
    /// <c>Outreach.MessageVariables</c>: bounded, and never an address or a token,
    /// because recipients and providers' event streams see them.
    /// </summary>
    public IReadOnlyList<MailTag> Variables { get; init; } = [];

    /// <summary>Open and click tracking asked for (Mailgun <c>o:tracking-*</c>); null: the provider's default.</summary>
    public MailTracking? Tracking { get; init; }
}

/// <summary>A custom header (printable ASCII, one line).</summary>
public sealed record MailHeader(string Name, string Value);

/// <summary>A message tag, already sanitised to SES's rules.</summary>
public sealed record MailTag(string Name, string Value);
