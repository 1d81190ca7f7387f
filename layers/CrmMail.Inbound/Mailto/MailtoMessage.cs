namespace CrmMail.Inbound.Mailto;

/// <summary>What a mailto unsubscribe mail says, read from SES's notification and its MIME content.</summary>
/// <param name="MessageId">SES's message id (the idempotency key).</param>
/// <param name="FromAddress">The single From address: the raw MIME's (what DMARC evaluates), SES's commonHeaders only when there is no content.</param>
/// <param name="Subject">The subject, decoded.</param>
/// <param name="BodyText">The text body (or the HTML without tags), truncated.</param>
/// <param name="Token">The token found in the subject, if any.</param>
/// <param name="Verdicts">SES's verdicts.</param>
/// <param name="EnvelopeFrom">SES's <c>mail.source</c>: the envelope MAIL FROM that SPF checked.</param>
/// <param name="DkimDomains">The d= of every DKIM-Signature header, in order.</param>
/// <param name="FromProblem">Why the From address cannot be relied on (several From headers or mailboxes, or the MIME From differs from SES's commonHeaders), or null.</param>
public sealed record MailtoMessage(
    string MessageId,
    string? FromAddress,
    string Subject,
    string BodyText,
    string? Token,
    MailtoVerdicts Verdicts,
    string? EnvelopeFrom,
    IReadOnlyList<string> DkimDomains,
    string? FromProblem);
