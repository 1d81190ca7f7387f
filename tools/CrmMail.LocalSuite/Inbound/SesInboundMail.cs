using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmMail.Lambda.SNSEvents;
using MimeKit;

namespace CrmMail.LocalSuite.Inbound;

/// <summary>
/// What SES receipt does with a mail to the unsubscribe mailbox, locally: the raw MIME goes into
/// a "Received" notification (mail, receipt with verdicts, content in Base64 as the stack's SNS
/// action sets it) and SNS wraps that in an event record for the mailto function.
/// </summary>
public static class SesInboundMail
{
    /// <summary>The topic ARN the local records carry.</summary>
    public const string TopicArn = "arn:aws:sns:us-east-1:000000000000:crm-mail-local-inbound";

    /// <summary>A reply to a mailto link: From the recipient, To the mailbox, the link's subject.</summary>
    public static MimeMessage Compose(string from, string to, string subject, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = subject, Date = date, MessageId = Guid.NewGuid().ToString("N") + "@client.crm-mail.local" };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Sent from the local outbox page: the List-Unsubscribe mailto link." };
        return message;
    }

    /// <summary>
    /// The SNS event SES would deliver for <paramref name="mime"/> with these verdicts.
    /// <paramref name="mailFrom"/> is the envelope sender SPF checked (<c>mail.source</c>;
    /// empty for the null sender); without it, the From address, as most clients send.
    /// SES's header list and commonHeaders are derived from the same MIME, as SES does.
    /// </summary>
    public static SNSEvent ToSnsEvent(MimeMessage mime, DateTimeOffset now, InboundVerdicts verdicts, string? mailFrom = null)
    {
        ArgumentNullException.ThrowIfNull(mime);
        ArgumentNullException.ThrowIfNull(verdicts);
        using var raw = new MemoryStream();
        mime.WriteTo(raw);
        var sesMessageId = Guid.NewGuid().ToString("N")[..28];
        var timestamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var from = mime.From.Mailboxes.Select(m => m.Address).ToList();
        var to = mime.To.Mailboxes.Select(m => m.Address).ToList();

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("notificationType", "Received");
            w.WriteStartObject("mail");
            w.WriteString("timestamp", timestamp);
            w.WriteString("source", mailFrom ?? from.FirstOrDefault() ?? string.Empty);
            w.WriteString("messageId", sesMessageId);
            Strings(w, "destination", to);
            w.WriteBoolean("headersTruncated", false);
            w.WriteStartArray("headers");
            foreach (var header in mime.Headers)
            {
                w.WriteStartObject();
                w.WriteString("name", header.Field);
                w.WriteString("value", header.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("commonHeaders");
            Strings(w, "from", mime.From.Select(a => a.ToString()));
            Strings(w, "to", mime.To.Select(a => a.ToString()));
            w.WriteString("messageId", "<" + mime.MessageId + ">");
            w.WriteString("subject", mime.Subject);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("receipt");
            w.WriteString("timestamp", timestamp);
            w.WriteNumber("processingTimeMillis", 1);
            Strings(w, "recipients", to);
            foreach (var (name, status) in new[] { ("spamVerdict", verdicts.Spam), ("virusVerdict", verdicts.Virus), ("spfVerdict", verdicts.Spf), ("dkimVerdict", verdicts.Dkim), ("dmarcVerdict", verdicts.Dmarc) })
            {
                w.WriteStartObject(name);
                w.WriteString("status", status);
                w.WriteEndObject();
            }

            w.WriteStartObject("action");
            w.WriteString("type", "SNS");
            w.WriteString("topicArn", TopicArn);
            w.WriteString("encoding", "BASE64");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("content", Convert.ToBase64String(raw.ToArray()));
            w.WriteEndObject();
        }

        return new SNSEvent
        {
            Records =
            [
                new SNSRecord
                {
                    EventSource = "aws:sns",
                    EventVersion = "1.0",
                    EventSubscriptionArn = TopicArn + ":" + Guid.NewGuid().ToString(),
                    Sns = new SNSMessage
                    {
                        Type = "Notification",
                        MessageId = Guid.NewGuid().ToString(),
                        TopicArn = TopicArn,
                        Subject = "Amazon SES Email Receipt Notification",
                        Message = Encoding.UTF8.GetString(buffer.ToArray()),
                        Timestamp = now,
                        SignatureVersion = "1",
                        Signature = "local",
                        SigningCertUrl = "https://sns.us-east-1.amazonaws.com/local.pem",
                        UnsubscribeUrl = "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
                        MessageAttributes = new Dictionary<string, SNSMessageAttribute>(),
                    },
                },
            ],
        };
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
