using CrmMail.Inbound.Mailgun;

namespace CrmMail.LocalSuite.Adapters;

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
