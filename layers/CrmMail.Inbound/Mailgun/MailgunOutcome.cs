namespace CrmMail.Inbound.Mailgun;

/// <summary>How a webhook call ended: the verdict, a machine reason, a sentence, and the event when it was readable.</summary>
public sealed record MailgunOutcome(MailgunVerdict Verdict, string Reason, string Message, MailgunEvent? Event = null);
