using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmMail.Lambda.SNSEvents;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.MailtoUnsubscribe.Tests;

/// <summary>SES "Received" notifications built from the public sample, with our own MIME content and verdicts.</summary>
internal static class SesMail
{
    public static string Notification(string mime, string from = "sender@example.com", string subject = "unsubscribe", string spf = "PASS", string dkim = "PASS", string spam = "PASS", string virus = "PASS", bool base64 = true, string messageId = "ses-msg-1")
    {
        var root = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("events", "ses-received-notification.sns-action.message-body.json")))!;
        root["receipt"]!["spfVerdict"]!["status"] = spf;
        root["receipt"]!["dkimVerdict"]!["status"] = dkim;
        root["receipt"]!["spamVerdict"]!["status"] = spam;
        root["receipt"]!["virusVerdict"]!["status"] = virus;
        root["receipt"]!["action"]!["encoding"] = base64 ? "BASE64" : "UTF8";
        root["mail"]!["messageId"] = messageId;
        root["mail"]!["commonHeaders"]!["from"] = new JsonArray(from);
        root["mail"]!["commonHeaders"]!["subject"] = subject;
        root["content"] = base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(mime)) : mime;
        return root.ToJsonString();
    }

    public static string Mime(string from, string subject, string body = "Please remove me.")
        => $"From: {from}\r\nTo: unsubscribe@mail.example.com\r\nSubject: {subject}\r\nMessage-ID: <x@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";

    public static SNSEvent Event(params string[] messages) => new()
    {
        Records = messages.Select((m, i) => new SNSRecord
        {
            EventSource = "aws:sns",
            EventVersion = "1.0",
            Sns = new SNSMessage { Type = "Notification", MessageId = "sns-" + i, Message = m, Subject = "Amazon SES Email Receipt Notification" },
        }).ToList(),
    };
}
