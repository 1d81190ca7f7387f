using CrmMail.Mail.Composition;

namespace CrmMail.Mail.Transport;

/// <summary>Sends one message (SES v2, Mailgun, or a local outbox). Throttling and 5xx are retried inside.</summary>
public interface IMailTransport
{
    /// <summary>Sends; never throws for a provider's refusal (that is a failed outcome).</summary>
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
