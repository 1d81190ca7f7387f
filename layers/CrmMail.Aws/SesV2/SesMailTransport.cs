using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;

namespace CrmMail.Aws.SesV2;

/// <summary>
/// Sends through SES v2 SendEmail with Simple content and custom headers. With
/// <c>LIST_UNSUBSCRIBE_OWNER=ses</c> it passes ListManagementOptions (contact list and topic)
/// instead, and SES writes its own unsubscribe headers.
/// </summary>
public sealed class SesMailTransport(SesV2Client client, string? listManagementContactList) : IMailTransport
{
    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await client.SendEmailAsync(new SesSendEmailRequest
        {
            FromEmailAddress = message.From,
            Destination = new SesDestination([message.To]),
            ReplyToAddresses = message.ReplyTo is null ? null : [message.ReplyTo],
            Content = new SesEmailContent
            {
                Simple = new SesSimpleMessage(new SesContent(message.Subject), new SesBody { Html = new SesContent(message.Html), Text = new SesContent(message.Text) })
                {
                    Headers = message.Headers.Count == 0 ? null : message.Headers.Select(h => new SesMessageHeader(h.Name, h.Value)).ToList(),
                },
            },
            ListManagementOptions = listManagementContactList is null ? null : new SesListManagementOptions(listManagementContactList, message.Topic),
            EmailTags = message.Tags.Select(t => new SesMessageTag(t.Name, t.Value)).ToList(),
        }, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess && !string.IsNullOrEmpty(result.Value!.MessageId)
            ? SendOutcome.Accepted(result.Value.MessageId)
            : SendOutcome.Failed(result.IsSuccess ? "SES returned no message id." : $"ses:{result.Error.Code}: {result.Error.Message}");
    }
}
