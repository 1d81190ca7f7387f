using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmMail.Inbound.Ses;
using MimeKit;

namespace CrmMail.Inbound.Mailto;

/// <summary>
/// Reads an SES "Received" notification: the raw MIME content (UTF-8 or Base64) through
/// MimeKit when present, SES's commonHeaders otherwise. Never throws: anything unusable is an
/// ignored result with a reason.
/// </summary>
public static partial class MailtoParser
{
    /// <summary>Parses the notification string from <c>Sns.Message</c>.</summary>
    public static MailtoParseResult Parse(string? snsMessage, int maxContentBytes)
    {
        if (string.IsNullOrWhiteSpace(snsMessage))
        {
            return MailtoParseResult.Ignored("empty_message");
        }

        SesReceivedNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize(snsMessage, SesJsonContext.Default.SesReceivedNotification);
        }
        catch (JsonException)
        {
            return MailtoParseResult.Ignored("malformed_json");
        }

        if (notification?.NotificationType != "Received")
        {
            return MailtoParseResult.Ignored("not_a_received_notification");
        }

        var messageId = notification.Mail?.MessageId;
        if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > 256)
        {
            return MailtoParseResult.Ignored("no_message_id");
        }

        MimeMessage? mime = null;
        if (notification.Content is { Length: > 0 } content)
        {
            // The limit is on the decoded message, exactly: the decoded bytes are held to it. Before
            // decoding, content that cannot be within it is refused unread: UTF-8 has at least one
            // byte per character; Base64 of n bytes is 4 * ceil(n / 3) characters, and twice n
            // leaves room for line breaks (wrapped at 76 characters, Base64 grows by about 1.37).
            var base64 = string.Equals(notification.Receipt?.Action?.Encoding, "BASE64", StringComparison.OrdinalIgnoreCase);
            if (content.Length > (base64 ? (maxContentBytes * 2L) + 4 : maxContentBytes))
            {
                return MailtoParseResult.Ignored("content_too_large");
            }

            var bytes = Decode(content, base64);
            if (bytes is not null && bytes.Length > maxContentBytes)
            {
                return MailtoParseResult.Ignored("content_too_large");
            }

            mime = bytes is null ? null : LoadMime(bytes);
        }

        var subject = mime?.Subject ?? notification.Mail?.CommonHeaders?.Subject ?? string.Empty;
        var body = mime is null ? string.Empty : Truncate(mime.TextBody ?? StripTags(mime.HtmlBody) ?? string.Empty, 4096);
        var (from, fromProblem) = mime is null ? FromSesHeaders(notification.Mail) : FromMime(mime, notification.Mail?.CommonHeaders?.From);
        var receipt = notification.Receipt;
        return MailtoParseResult.Of(new MailtoMessage(
            messageId,
            from,
            Truncate(subject, 998),
            body,
            FindToken(subject),
            new MailtoVerdicts(Status(receipt?.SpfVerdict), Status(receipt?.DkimVerdict), Status(receipt?.DmarcVerdict), Status(receipt?.SpamVerdict), Status(receipt?.VirusVerdict)),
            notification.Mail?.Source is { Length: > 0 and <= 998 } source ? source : null,
            mime is null ? SesDkimDomains(notification.Mail) : mime.Headers.Where(h => h.Id == HeaderId.DkimSignature).Select(h => DkimDomain(h.Value)).ToList(),
            fromProblem));
    }

    /// <summary>
    /// The d= tag of a DKIM-Signature value (RFC 6376 §3.5), lower case; empty when absent, so
    /// a signature without one still counts as a signature.
    /// </summary>
    public static string DkimDomain(string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return string.Empty;
        }

        foreach (var tag in signature.Split(';'))
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && tag.AsSpan(0, equals).Trim().SequenceEqual("d"))
            {
                return WhitespacePattern().Replace(tag[(equals + 1)..], string.Empty).ToLowerInvariant();
            }
        }

        return string.Empty;
    }

    // The raw MIME's From is what DMARC evaluated, so it is the one that counts. It must be one
    // header with one mailbox (two From headers let a client show one while DMARC checked the
    // other), and SES's own commonHeaders, when given, must name the same address: a
    // notification whose parts disagree is not acted on.
    private static (string? From, string? Problem) FromMime(MimeMessage mime, IReadOnlyList<string>? commonFrom)
    {
        if (mime.Headers.Count(h => h.Id == HeaderId.From) > 1)
        {
            return (null, "multiple_from");
        }

        var mailboxes = mime.From.Mailboxes.ToList();
        if (mime.From.Count > 1 || mailboxes.Count > 1)
        {
            return (null, "multiple_from");
        }

        if (mailboxes.Count == 0)
        {
            return (null, null);
        }

        var address = mailboxes[0].Address;
        if (commonFrom is { Count: > 0 } && (commonFrom.Count != 1 || !string.Equals(CommonFrom(commonFrom), address, StringComparison.OrdinalIgnoreCase)))
        {
            return (null, "from_mismatch");
        }

        return (address, null);
    }

    // No raw content (an unparseable message): SES's parse of the same headers.
    private static (string? From, string? Problem) FromSesHeaders(SesMail? mail)
    {
        var fromHeaders = mail?.Headers?.Count(h => string.Equals(h.Name, "From", StringComparison.OrdinalIgnoreCase)) ?? 0;
        var common = mail?.CommonHeaders?.From;
        if (fromHeaders > 1 || common is { Count: > 1 })
        {
            return (null, "multiple_from");
        }

        return (CommonFrom(common), null);
    }

    // SES's header list stands in for the MIME only when it is complete: a truncated list
    // cannot prove a signature is the only one.
    private static List<string> SesDkimDomains(SesMail? mail)
        => mail is { HeadersTruncated: false, Headers: { } headers }
            ? headers.Where(h => string.Equals(h.Name, "DKIM-Signature", StringComparison.OrdinalIgnoreCase)).Select(h => DkimDomain(h.Value)).ToList()
            : [];

    /// <summary>
    /// The token of our mailto link: the subject <c>unsubscribe TOKEN</c>, possibly behind
    /// <c>Re:</c> or <c>Fwd:</c> and folded over lines by the mail client.
    /// </summary>
    public static string? FindToken(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        var match = TokenPattern().Match(WhitespacePattern().Replace(subject, " "));
        return match.Success ? match.Groups[1].Value : null;
    }

    // Null when Base64 content is not Base64 (SES's commonHeaders are then used).
    private static byte[]? Decode(string content, bool base64)
    {
        if (!base64)
        {
            return Encoding.UTF8.GetBytes(content);
        }

        try
        {
            return Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static MimeMessage? LoadMime(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return MimeMessage.Load(stream);
        }
        catch (Exception exception) when (exception is FormatException or ParseException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // Unparseable MIME: fall back to SES's own commonHeaders.
            return null;
        }
    }

    private static string? CommonFrom(IReadOnlyList<string>? from)
        => from is { Count: > 0 } && MailboxAddress.TryParse(from[0], out var mailbox) ? mailbox.Address : null;

    private static string Status(SesVerdict? verdict) => verdict?.Status?.ToUpperInvariant() ?? "MISSING";

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static string? StripTags(string? html) => html is null ? null : TagPattern().Replace(html, " ");

    [GeneratedRegex(@"(?i)(?:^|[\s:])unsubscribe\s+([A-Za-z0-9_-]{40,2048})(?![A-Za-z0-9_-])")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
