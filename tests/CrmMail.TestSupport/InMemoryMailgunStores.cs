using System.Collections.Concurrent;
using CrmMail.Inbound.Mailgun;
using CrmMail.Kernel;

namespace CrmMail.TestSupport;

/// <summary>
/// Webhook tokens accepted once, in memory, for the lifetime the caller gives (as the DynamoDB
/// guard: a row whose lifetime has passed no longer blocks), on the injected clock.
/// </summary>
public sealed class InMemoryReplayGuard(TimeProvider timeProvider) : IMailgunReplayGuard
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);

    /// <summary>A guard on the system clock.</summary>
    public InMemoryReplayGuard()
        : this(TimeProvider.System)
    {
    }

    public Task<bool> TryAcceptAsync(string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        while (true)
        {
            if (_tokens.TryAdd(token, now + ttl))
            {
                return Task.FromResult(true);
            }

            // Whole seconds, as DynamoDB compares epoch seconds: "expiresAt < now" lets the token in again.
            if (_tokens.TryGetValue(token, out var expiresAt) && expiresAt.ToUnixTimeSeconds() >= now.ToUnixTimeSeconds())
            {
                return Task.FromResult(false);
            }

            if (_tokens.TryUpdate(token, now + ttl, expiresAt))
            {
                return Task.FromResult(true);
            }
        }
    }

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
