namespace CrmMail.Inbound.Mailgun;

/// <summary>The events table: one row per Mailgun event id, with TTL.</summary>
public interface IMailgunEventStore
{
    /// <summary>Whether the event was processed before.</summary>
    Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records the processed event (message id, recipient hash, type, time, tags, delivery status).</summary>
    Task RecordAsync(MailgunEvent mailgunEvent, string recipientHash, CancellationToken cancellationToken);
}
