using CrmMail.Inbound.Mailgun;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Reports;
using CrmMail.Signing.CloudFront;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Idempotency keys in <c>state/idempotency.json</c>, with the DynamoDB store's rules and a 24-hour expiry.</summary>
public sealed class FileIdempotencyStore(string path, TimeProvider timeProvider) : IIdempotencyStore
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private readonly JsonFileTable<StoredIdempotencyKey> _table = new(path, LocalJsonContext.Default.DictionaryStringStoredIdempotencyKey);

    /// <inheritdoc />
    public Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(_table.Update(rows =>
        {
            if (!rows.TryGetValue(key, out var row) || row.ExpiresAt <= now)
            {
                rows[key] = new StoredIdempotencyKey(requestHash, false, 0, null, now + Lifetime);
                return (true, new IdempotencyClaim(IdempotencyState.Started));
            }

            return (false, row.RequestHash != requestHash ? new IdempotencyClaim(IdempotencyState.Mismatch)
                : row.Completed ? new IdempotencyClaim(IdempotencyState.Completed, row.StatusCode, row.Response)
                : new IdempotencyClaim(IdempotencyState.InProgress));
        }));
    }

    /// <inheritdoc />
    public Task CompleteAsync(string key, string requestHash, int statusCode, string response, CancellationToken cancellationToken)
    {
        _table.Update(rows =>
        {
            rows[key] = new StoredIdempotencyKey(requestHash, true, statusCode, response, timeProvider.GetUtcNow() + Lifetime);
            return (true, 0);
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        _table.Update(rows => (rows.Remove(key), 0));
        return Task.CompletedTask;
    }
}

/// <summary>Webhook tokens accepted once within their time to live (<c>state/mailgun-tokens.json</c>).</summary>
public sealed class FileMailgunReplayGuard(string path, TimeProvider timeProvider) : IMailgunReplayGuard
{
    private readonly JsonFileTable<StoredMarker> _table = new(path, LocalJsonContext.Default.DictionaryStringStoredMarker);

    /// <inheritdoc />
    public Task<bool> TryAcceptAsync(string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return Task.FromResult(_table.Update(rows =>
        {
            if (rows.TryGetValue(token, out var marker) && marker.ExpiresAt > now)
            {
                return (false, false);
            }

            rows[token] = new StoredMarker(now + ttl);
            return (true, true);
        }));
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string token, CancellationToken cancellationToken)
    {
        _table.Update(rows => (rows.Remove(token), 0));
        return Task.CompletedTask;
    }
}

/// <summary>Processed Mailgun events (<c>state/mailgun-events.json</c>): what the events table holds, no addresses.</summary>
public sealed class FileMailgunEventStore(string path) : IMailgunEventStore
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
        return Task.CompletedTask;
    }
}

/// <summary>Reports in the local reports folder: the bucket's keys as relative paths.</summary>
public sealed class FolderReportLocator(LocalDataDirectory data) : IReportLocator
{
    /// <inheritdoc />
    public Task<ReportObject?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var path = data.ReportPath(key);
        return Task.FromResult(path is not null && File.Exists(path) ? new ReportObject(key, new FileInfo(path).Length) : null);
    }
}

/// <summary>The signer over the local CloudFront key file, built once.</summary>
public sealed class LocalCloudFrontSignerSource(CloudFrontUrlSigner signer) : ICloudFrontSignerSource
{
    /// <inheritdoc />
    public Task<CloudFrontUrlSigner> GetAsync(CancellationToken cancellationToken) => Task.FromResult(signer);
}
