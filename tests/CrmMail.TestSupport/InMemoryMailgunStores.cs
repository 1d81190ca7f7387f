using System.Collections.Concurrent;
using CrmMail.Inbound.Mailgun;
using CrmMail.Signing;

namespace CrmMail.TestSupport;

/// <summary>Webhook tokens accepted once, in memory.</summary>
public sealed class InMemoryReplayGuard : IMailgunReplayGuard
{
    private readonly ConcurrentDictionary<string, bool> _tokens = new(StringComparer.Ordinal);

    public Task<bool> TryAcceptAsync(string token, TimeSpan ttl, CancellationToken cancellationToken) => Task.FromResult(_tokens.TryAdd(token, true));

    public Task ReleaseAsync(string token, CancellationToken cancellationToken)
    {
        _tokens.TryRemove(token, out _);
        return Task.CompletedTask;
    }
}

/// <summary>Processed Mailgun events, in memory; can be told to fail (DynamoDB down).</summary>
public sealed class InMemoryEventStore : IMailgunEventStore
{
    public ConcurrentDictionary<string, (MailgunEvent Event, string RecipientHash)> Events { get; } = new(StringComparer.Ordinal);

    public bool Down { get; set; }

    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken)
        => Down ? throw new DependencyUnavailableException("events table down") : Task.FromResult(Events.ContainsKey(eventId));

    public Task RecordAsync(MailgunEvent mailgunEvent, string recipientHash, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new DependencyUnavailableException("events table down");
        }

        Events[mailgunEvent.Id] = (mailgunEvent, recipientHash);
        return Task.CompletedTask;
    }
}
