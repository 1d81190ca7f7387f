using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Validation;
using CrmMail.Subscriptions;

namespace CrmMail.Mail.Composition;

/// <summary>
/// Builds one recipient's message: the CRM's html and text exactly as given, followed by our
/// report-links section and unsubscribe footer. Every value we insert into HTML is
/// HTML-encoded; the CRM's own markup is never parsed or rewritten.
/// </summary>
public sealed class MessageComposer(ListUnsubscribe listUnsubscribe, PiiHasher hasher, bool includeListUnsubscribeHeaders)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The message for <paramref name="recipient"/> with its own unsubscribe <paramref name="token"/>.</summary>
    public OutgoingMessage Compose(SendMailCommand command, string recipient, string token, IReadOnlyList<ReportLink> reports)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(reports);
        var topic = command.Type.Topic();
        var unsubscribeUrl = listUnsubscribe.HttpsUrl(topic, token);
        var html = new StringBuilder(command.Html.Length + 2048).Append(command.Html);
        var text = new StringBuilder(command.Text.Length + 1024).Append(command.Text);
        if (reports.Count > 0)
        {
            AppendReports(html, text, reports);
        }

        AppendFooter(html, text, command.Type == CampaignType.Financial ? "financial reports" : "newsletters", unsubscribeUrl);
        return new OutgoingMessage(
            command.From,
            recipient,
            command.ReplyTo,
            command.Subject,
            html.ToString(),
            text.ToString(),
            includeListUnsubscribeHeaders ? listUnsubscribe.Headers(topic, token) : [],
            Tags(command, recipient),
            topic);
    }

    /// <summary>
    /// An outreach message for <paramref name="recipient"/> with its own unsubscribe
    /// <paramref name="token"/> on the outreach topic: the same footer and List-Unsubscribe
    /// headers as send-mail's, appended to whichever of html and text the sender gave.
    /// </summary>
    public OutgoingMessage Compose(OutreachMessage message, string recipient, string token)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string topic = Topics.Outreach;
        var unsubscribeUrl = listUnsubscribe.HttpsUrl(topic, token);
        var html = new StringBuilder(message.Html.Length + 512).Append(message.Html);
        var text = new StringBuilder(message.Text.Length + 256).Append(message.Text);
        AppendFooter(html, text, "emails from our team", unsubscribeUrl);
        return new OutgoingMessage(
            message.From,
            recipient,
            message.ReplyTo,
            message.Subject,
            message.Html.Length == 0 ? string.Empty : html.ToString(),
            message.Text.Length == 0 && message.Html.Length > 0 ? string.Empty : text.ToString(),
            includeListUnsubscribeHeaders ? listUnsubscribe.Headers(topic, token) : [],
            [
                new("campaign", SanitizeTag(message.Tags.Count > 0 ? message.Tags[0] : "outreach")),
                new("campaign-type", "outreach"),
                new("stream", topic),
                new("recipient", hasher.Hash(recipient)),
            ],
            topic)
        {
            Variables = message.Variables,
            Tracking = message.Tracking,
        };
    }

    /// <summary>SES tag rules: ASCII letters, digits, '_' and '-', 1 to 256 characters.</summary>
    public static string SanitizeTag(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(Math.Min(value.Length, 256));
        foreach (var c in value)
        {
            if (builder.Length == 256)
            {
                break;
            }

            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return builder.Length == 0 ? "none" : builder.ToString();
    }

    private List<MailTag> Tags(SendMailCommand command, string recipient) =>
    [
        new("campaign", SanitizeTag(command.CampaignName)),
        new("campaign-type", command.Type.Name()),
        new("stream", command.Type.Topic()),
        // The keyed hash, never the address: tags show up in event streams and dashboards.
        new("recipient", hasher.Hash(recipient)),
    ];

    private static void AppendReports(StringBuilder html, StringBuilder text, IReadOnlyList<ReportLink> reports)
    {
        html.Append("\n<div style=\"margin-top:24px;font-family:Arial,sans-serif;font-size:14px\"><h3 style=\"margin:0 0 8px\">Download your reports</h3><ul style=\"padding-left:20px;margin:0\">");
        text.Append("\n\nDownload your reports\n");
        foreach (var report in reports)
        {
            var size = FormatSize(report.Size);
            var expires = report.ExpiresAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
            html.Append("<li><a href=\"").Append(Html.Encode(report.Url.AbsoluteUri)).Append("\">").Append(Html.Encode(report.FileName)).Append("</a> (")
                .Append(Html.Encode(size)).Append(", link valid until ").Append(Html.Encode(expires)).Append(")</li>");
            text.Append("- ").Append(report.FileName).Append(" (").Append(size).Append(", link valid until ").Append(expires).Append("): ").Append(report.Url.AbsoluteUri).Append('\n');
        }

        html.Append("</ul></div>");
    }

    private static void AppendFooter(StringBuilder html, StringBuilder text, string what, string unsubscribeUrl)
    {
        html.Append("\n<div style=\"margin-top:24px;font-family:Arial,sans-serif;font-size:12px;color:#666\">You receive these ")
            .Append(what).Append(". <a href=\"").Append(Html.Encode(unsubscribeUrl)).Append("\">Unsubscribe</a></div>");
        text.Append("\n\n--\nYou receive these ").Append(what).Append(". Unsubscribe: ").Append(unsubscribeUrl).Append('\n');
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };
}
