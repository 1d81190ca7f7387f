using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmMail.Lambda.SNSEvents;

namespace CrmMail.LocalSuite.Inbound;

/// <summary>
/// The SES event-publishing stand-in: builds the event records SES would publish for a message
/// (the shapes of the developer guide's samples, with the message's tags in <c>mail.tags</c>) and
/// wraps any record the way SNS hands it to Lambda, so <c>serve</c> drives the real SesEvents handler.
/// </summary>
internal static class LocalSesEvents
{
    /// <summary>The kinds a message page can simulate.</summary>
    public static IReadOnlyList<string> Simulated { get; } = ["delivery", "open", "click", "bounce", "soft-bounce", "complaint"];

    /// <summary>The SES record of <paramref name="simulated"/> (one of <see cref="Simulated"/>) for the message, or null for an unknown kind.</summary>
    public static string? Build(string simulated, string messageId, string recipient, IEnumerable<(string Name, string Value)> tags, DateTimeOffset now, string? link = null)
    {
        var eventType = simulated switch
        {
            "delivery" => "Delivery",
            "open" => "Open",
            "click" => "Click",
            "bounce" or "soft-bounce" => "Bounce",
            "complaint" => "Complaint",
            _ => null,
        };
        if (eventType is null)
        {
            return null;
        }

        var at = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventType", eventType);
            json.WriteStartObject("mail");
            json.WriteString("timestamp", at);
            json.WriteString("source", "sender@crm-mail.local");
            json.WriteString("messageId", messageId);
            json.WriteStartArray("destination");
            json.WriteStringValue(recipient);
            json.WriteEndArray();
            json.WriteBoolean("headersTruncated", false);
            json.WriteStartObject("tags");
            json.WriteStartArray("ses:configuration-set");
            json.WriteStringValue("crm-mail-local");
            json.WriteEndArray();
            foreach (var (name, value) in tags)
            {
                json.WriteStartArray(name);
                json.WriteStringValue(value);
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            switch (simulated)
            {
                case "delivery":
                    json.WriteStartObject("delivery");
                    json.WriteString("timestamp", at);
                    json.WriteNumber("processingTimeMillis", 1);
                    json.WriteStartArray("recipients");
                    json.WriteStringValue(recipient);
                    json.WriteEndArray();
                    json.WriteString("smtpResponse", "250 2.6.0 Message received (crm-mail serve)");
                    json.WriteString("reportingMTA", "outbox.crm-mail.local");
                    json.WriteEndObject();
                    break;
                case "open" or "click":
                    json.WriteStartObject(simulated);
                    json.WriteString("timestamp", at);
                    json.WriteString("ipAddress", "192.0.2.1");
                    json.WriteString("userAgent", "crm-mail serve (simulated)");
                    if (simulated == "click")
                    {
                        json.WriteString("link", link ?? "https://example.com/");
                    }

                    json.WriteEndObject();
                    break;
                case "bounce" or "soft-bounce":
                    var permanent = simulated == "bounce";
                    json.WriteStartObject("bounce");
                    json.WriteString("bounceType", permanent ? "Permanent" : "Transient");
                    json.WriteString("bounceSubType", permanent ? "General" : "MailboxFull");
                    json.WriteStartArray("bouncedRecipients");
                    json.WriteStartObject();
                    json.WriteString("emailAddress", recipient);
                    json.WriteString("action", "failed");
                    json.WriteString("status", permanent ? "5.1.1" : "4.2.2");
                    json.WriteString("diagnosticCode", permanent ? "smtp; 550 5.1.1 user unknown" : "smtp; 452 4.2.2 mailbox full");
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteString("timestamp", at);
                    json.WriteString("feedbackId", "local-" + messageId + "-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                    break;
                case "complaint":
                    json.WriteStartObject("complaint");
                    json.WriteStartArray("complainedRecipients");
                    json.WriteStartObject();
                    json.WriteString("emailAddress", recipient);
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteString("timestamp", at);
                    json.WriteString("feedbackId", "local-" + messageId + "-" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                    json.WriteString("complaintFeedbackType", "abuse");
                    json.WriteEndObject();
                    break;
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The SNS notification Lambda receives for <paramref name="message"/>, as SES's event destination publishes it.</summary>
    public static SNSEvent Wrap(string message, DateTimeOffset now) => new()
    {
        Records =
        [
            new SNSRecord
            {
                EventSource = "aws:sns",
                EventVersion = "1.0",
                EventSubscriptionArn = "arn:aws:sns:us-east-1:000000000000:crm-mail-local-ses-events:local",
                Sns = new SNSMessage
                {
                    Type = "Notification",
                    MessageId = Guid.NewGuid().ToString(),
                    TopicArn = "arn:aws:sns:us-east-1:000000000000:crm-mail-local-ses-events",
                    Message = message,
                    Timestamp = now,
                    SignatureVersion = "1",
                },
            },
        ],
    };
}
