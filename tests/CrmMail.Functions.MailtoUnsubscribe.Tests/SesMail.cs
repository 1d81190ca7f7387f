using System.Text;
using System.Text.Json.Nodes;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Tests.Shared;
using MimeKit;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>
/// SES "Received" notifications built from the public sample, with our own MIME content and
/// verdicts. The notification is honest by default: SES's header list, commonHeaders.from and
/// the envelope sender (<c>mail.source</c>) are derived from the MIME, as SES derives them;
/// <c>commonFrom</c> and <c>mailFrom</c> override them for the tests that need them to differ.
/// </summary>
internal static class SesMail
{
    public static string Notification(
        string mime,
        string subject = "unsubscribe",
        string spf = "PASS",
        string dkim = "PASS",
        string spam = "PASS",
        string virus = "PASS",
        string dmarc = "PASS",
        bool base64 = true,
        string messageId = "ses-msg-1",
        string? mailFrom = null,
        string[]? commonFrom = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("events", "ses-received-notification.sns-action.message-body.json")))!;
        root["receipt"]!["spfVerdict"]!["status"] = spf;
        root["receipt"]!["dkimVerdict"]!["status"] = dkim;
        root["receipt"]!["spamVerdict"]!["status"] = spam;
        root["receipt"]!["virusVerdict"]!["status"] = virus;
        root["receipt"]!["dmarcVerdict"] = new JsonObject { ["status"] = dmarc };
        root["receipt"]!["action"]!["encoding"] = base64 ? "BASE64" : "UTF8";
        root["mail"]!["messageId"] = messageId;
        var (headers, from) = Parts(mime);
        root["mail"]!["headers"] = headers;
        root["mail"]!["commonHeaders"]!["from"] = new JsonArray((commonFrom ?? from.Select(m => m.ToString()).ToArray()).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        root["mail"]!["source"] = mailFrom ?? from.FirstOrDefault()?.Address ?? string.Empty;
        root["mail"]!["commonHeaders"]!["subject"] = subject;
        root["content"] = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(mime)) : mime;
        return root.ToJsonString();
    }

    public static string Mime(string from, string subject, string body = "Please remove me.", params string[] extraHeaders)
        => $"{string.Concat(extraHeaders.Select(h => h + "\r\n"))}From: {from}\r\nTo: unsubscribe@mail.example.com\r\nSubject: {subject}\r\nMessage-ID: <x@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";

    /// <summary>A DKIM-Signature header for <paramref name="domain"/> (its signature is not checked here: SES's verdict stands for that).</summary>
    public static string DkimSignature(string domain)
        => $"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain};\r\n s=sel1; h=from:to:subject; bh=DWr3IOmYWoXCA9ARqGC/UaODfghffiwFNRIb2Mckyt4=;\r\n b=p4ukUDSFqhqiub+zPR0DW1kp7oJZakrzupr6LBe6sUuvqpBkig56UzUwc29rFbJF";

    public static SNSEvent Event(params string[] messages) => new()
    {
        Records = messages.Select((m, i) => new SNSRecord
        {
            EventSource = "aws:sns",
            EventVersion = "1.0",
            Sns = new SNSMessage { Type = "Notification", MessageId = "sns-" + i, Message = m, Subject = "Amazon SES Email Receipt Notification" },
        }).ToList(),
    };

    // SES lists every header in order and splits From into its mailboxes.
    private static (JsonArray Headers, List<MailboxAddress> From) Parts(string mime)
    {
        var headers = new JsonArray();
        var from = new List<MailboxAddress>();
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(mime));
            using var message = MimeMessage.Load(stream);
            foreach (var header in message.Headers)
            {
                headers.Add(new JsonObject { ["name"] = header.Field, ["value"] = header.Value });
            }

            from.AddRange(message.From.Mailboxes);
        }
        catch (FormatException)
        {
            // Garbage MIME (the fuzz tests): SES would list nothing it could not parse.
        }

        return (headers, from);
    }
}
