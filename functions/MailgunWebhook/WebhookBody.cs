using CrmMail.Hosting.Http;
using CrmMail.Inbound.Mailgun;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>
/// The HTTP side of reading a webhook: the content type picks the decoder (a legacy
/// urlencoded or multipart form, else Mailgun's JSON), the domain parser reads the result.
/// Null means the body can never be valid (406). Never throws.
/// </summary>
internal static class WebhookBody
{
    /// <summary>Parses; null when unusable (empty, over <see cref="MailgunWebhookParser.MaxBodyLength"/>, not a webhook).</summary>
    public static CrmMail.Inbound.Mailgun.MailgunWebhook? Parse(string? contentType, string? body)
    {
        if (string.IsNullOrEmpty(body) || body.Length > MailgunWebhookParser.MaxBodyLength)
        {
            return null;
        }

        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType is "application/x-www-form-urlencoded" or "multipart/form-data"
            ? MailgunWebhookParser.ParseForm(FormBody.Parse(contentType, body))
            : MailgunWebhookParser.ParseJson(body);
    }
}
