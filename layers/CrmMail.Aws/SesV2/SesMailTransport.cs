using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.Aws.SesV2;

/// <summary>
/// Sends through SES v2 SendEmail with Simple content and custom headers. With
/// <see cref="Settings.Catalogue.ListUnsubscribeOwner"/> = <c>ses</c> it passes ListManagementOptions (contact list and topic)
/// instead, and SES writes its own unsubscribe headers. Non-ASCII display names in From and
/// Reply-To go out as RFC 2047 encoded-words, as SES requires. Each message names the
/// configuration set of its stream (<see cref="SesConfigurationSets"/>), whose event destination
/// publishes its events to SesEvents and whose tracking follows the stream.
/// </summary>
public sealed class SesMailTransport(SesV2Client client, string? listManagementContactList, SesConfigurationSets? configurationSets = null) : IMailTransport
{
    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await client.SendEmailAsync(new SesSendEmailRequest
        {
            FromEmailAddress = SesMailboxEncoding.Encode(message.From),
            Destination = new SesDestination([message.To]),
            ReplyToAddresses = message.ReplyTo is null ? null : [SesMailboxEncoding.Encode(message.ReplyTo)],
            Content = new SesEmailContent
            {
                Simple = new SesSimpleMessage(new SesContent(message.Subject), new SesBody { Html = message.Html.Length == 0 ? null : new SesContent(message.Html), Text = message.Text.Length == 0 ? null : new SesContent(message.Text) })
                {
                    Headers = message.Headers.Count == 0 ? null : message.Headers.Select(h => new SesMessageHeader(h.Name, h.Value)).ToList(),
                },
            },
            ListManagementOptions = listManagementContactList is null ? null : new SesListManagementOptions(listManagementContactList, message.Topic),
            // Custom variables (checked: no address, no token) travel as tags, SES's only per-message metadata.
            ConfigurationSetName = (configurationSets ?? SesConfigurationSets.None).For(message.Topic),
            EmailTags = message.Tags.Concat(message.Variables.Select(v => new MailTag("v-" + v.Name, MessageComposer.SanitizeTag(v.Value)))).Select(t => new SesMessageTag(t.Name, t.Value)).ToList(),
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            // A 2xx without an id may still have sent the message: not retryable, so no duplicate.
            return string.IsNullOrEmpty(result.Value!.MessageId) ? SendOutcome.Failed("SES returned no message id.") : SendOutcome.Accepted(result.Value.MessageId);
        }

        var error = result.Error;
        var detail = $"ses:{error.Code}: {error.Message}";
        return IsRefusalOfThisMessage(error.Code) ? SendOutcome.Failed(detail) : SendOutcome.Unavailable(detail);
    }

    // Only these say something about the message or recipient itself; the others (throttling,
    // 5xx, quota, sending paused, credentials, an unverified MAIL FROM) stop every message
    // alike, so the request can be retried once the account or the service recovers.
    private static bool IsRefusalOfThisMessage(SesErrorCode code)
        => code is SesErrorCode.MessageRejected or SesErrorCode.BadRequest or SesErrorCode.Unknown;
}
