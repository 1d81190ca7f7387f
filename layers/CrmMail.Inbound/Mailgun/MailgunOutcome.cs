namespace CrmMail.Inbound.Mailgun;

/// <summary>How a webhook call ended: status code, a machine reason, and the event when it was readable.</summary>
public sealed record MailgunOutcome(int StatusCode, string Reason, string Message, MailgunEvent? Event = null);
