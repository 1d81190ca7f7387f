using CrmMail.Inbound.Mailgun;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// Processed Mailgun events (<c>state/mailgun-events.json</c>): what the events table holds, no
/// addresses; each also kept in the providers' shared rows of <paramref name="shared"/>, as the
/// table's indexes hold them, so tracking-data lists Mailgun's events beside SES's.
/// </summary>
public sealed class FileMailgunEventStore(string path, FileDeliveryEvents shared) : IMailgunEventStore
{
    private readonly JsonFileTable<StoredMailgunEvent> _table = new(path, LocalJsonContext.Default.DictionaryStringStoredMailgunEvent);

    /// <inheritdoc />
    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult(_table.Get(eventId) is not null);

    /// <inheritdoc />
    public Task RecordAsync(MailgunEvent mailgunEvent, string recipientHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailgunEvent);
        var row = new StoredMailgunEvent(
            mailgunEvent.Id,
            mailgunEvent.Type,
            mailgunEvent.MessageId,
            recipientHash,
            DateTimeOffset.FromUnixTimeMilliseconds(checked((long)(mailgunEvent.Timestamp * 1000))),
            [.. mailgunEvent.Tags],
            mailgunEvent.DeliveryCode is { } code ? $"{code} {mailgunEvent.DeliveryMessage}".Trim() : mailgunEvent.DeliveryMessage);
        _table.Update(rows => (rows.TryAdd(row.EventId, row), 0));
        shared.Store(MailgunDeliveryEvent.From(mailgunEvent, recipientHash));
        return Task.CompletedTask;
    }
}
