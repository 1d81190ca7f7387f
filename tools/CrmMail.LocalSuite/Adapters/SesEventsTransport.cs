using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// serve's stand-in for SES event publishing on delivery: once the transport accepted a message,
/// its Delivery event goes through SNS to the SesEvents handler (<paramref name="publish"/>),
/// with the message's tags, as the stack's configuration set publishes it. A failing publish is
/// logged by the caller and never fails the send (in AWS the two are independent).
/// </summary>
public sealed class SesEventsTransport(IMailTransport transport, Func<OutgoingMessage, string, CancellationToken, Task> publish) : IMailTransport
{
    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var outcome = await transport.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (outcome.Sent && outcome.MessageId is { Length: > 0 } messageId)
        {
            await publish(message, messageId, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
