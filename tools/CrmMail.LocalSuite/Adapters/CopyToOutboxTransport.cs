using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Sends through the real transport and, once it accepted, files a copy in the outbox for the pages.</summary>
public sealed class CopyToOutboxTransport(IMailTransport transport, Outbox outbox) : IMailTransport
{
    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var outcome = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (outcome.Sent)
        {
            await outbox.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
