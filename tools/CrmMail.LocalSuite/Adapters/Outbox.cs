using System.Globalization;
using System.Security.Cryptography;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Transport;
using MimeKit;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// The local mail transport: each message becomes <c>outbox/{id}.eml</c>, MIME built the way SES
/// builds Simple content (multipart/alternative, text then html, our headers added verbatim).
/// </summary>
public sealed class Outbox(string folder, TimeProvider timeProvider) : IMailTransport
{
    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = timeProvider.GetUtcNow();
        // Sortable by name: time first, then randomness.
        var id = now.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var mime = new MimeMessage { Subject = message.Subject, Date = now, MessageId = id + "@outbox.crm-mail.local" };
        mime.From.Add(MailboxAddress.Parse(message.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (message.ReplyTo is not null)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        }

        foreach (var header in message.Headers)
        {
            mime.Headers.Add(header.Name, header.Value);
        }

        // SES keeps tags out of the message; the outbox records them for inspection.
        mime.Headers.Add("X-Local-Tags", string.Join("; ", message.Tags.Select(t => t.Name + "=" + t.Value)));
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();

        var path = Path.Combine(folder, id + ".eml");
        await mime.WriteToAsync(path, cancellationToken).ConfigureAwait(false);
        return SendOutcome.Accepted(id);
    }

    /// <summary>Every message, newest first.</summary>
    public IReadOnlyList<OutboxMessage> List()
        => [.. Directory.EnumerateFiles(folder, "*.eml").OrderByDescending(Path.GetFileName, StringComparer.Ordinal).Select(p => Read(p))];

    /// <summary>The message with this id, or null (ids are checked: no path tricks).</summary>
    public OutboxMessage? Find(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or 'T'))
        {
            return null;
        }

        var path = Path.Combine(folder, id + ".eml");
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>The raw .eml bytes of a message, or null.</summary>
    public byte[]? Raw(string id) => Find(id) is null ? null : File.ReadAllBytes(Path.Combine(folder, id + ".eml"));

    private static OutboxMessage Read(string path)
    {
        using var mime = MimeMessage.Load(path);
        return new OutboxMessage(
            Path.GetFileNameWithoutExtension(path),
            mime.Date,
            mime.From.ToString(),
            mime.To.ToString(),
            mime.Subject ?? string.Empty,
            [.. mime.Headers.Select(h => (h.Field, h.Value))],
            mime.HtmlBody,
            mime.TextBody);
    }
}
