using System.Collections.Concurrent;
using CrmMail.Inbound.Events;
using CrmMail.Kernel;

namespace CrmMail.TestSupport;

/// <summary>
/// Provider events and campaign counters in memory, with the DynamoDB adapters' semantics: an
/// event is stored once and counted with it; opens and clicks count each recipient once per
/// campaign. Can be told to fail (DynamoDB down).
/// </summary>
public sealed class InMemoryDeliveryEvents : IDeliveryEventStore, ICampaignCounters
{
    private readonly ConcurrentDictionary<string, byte> _markers = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, DeliveryEvent> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>Counters by (campaign, day, counter).</summary>
    public ConcurrentDictionary<(string Campaign, string Day, string Counter), long> Counters { get; } = new();

    public bool Down { get; set; }

    /// <summary>The counter's value summed over every day.</summary>
    public long Total(string campaign, string counter) => Counters.Where(c => c.Key.Campaign == campaign && c.Key.Counter == counter).Sum(c => c.Value);

    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken)
        => Down ? throw new DependencyUnavailableException("events table down") : Task.FromResult(Events.ContainsKey(eventId));

    public Task<bool> TryRecordAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        if (Down)
        {
            throw new DependencyUnavailableException("events table down");
        }

        if (!Events.TryAdd(deliveryEvent.EventId, deliveryEvent))
        {
            return Task.FromResult(false);
        }

        Count(deliveryEvent);
        return Task.FromResult(true);
    }

    public Task CountAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        if (Down)
        {
            throw new DependencyUnavailableException("counters table down");
        }

        Count(deliveryEvent);
        return Task.CompletedTask;
    }

    private void Count(DeliveryEvent deliveryEvent)
    {
        var day = CampaignCounters.Day(deliveryEvent.At);
        if (CampaignCounters.Total(deliveryEvent.Kind) is { } total)
        {
            Counters.AddOrUpdate((deliveryEvent.Campaign, day, total), 1, (_, n) => n + 1);
        }

        if (CampaignCounters.Unique(deliveryEvent.Kind) is { } unique && deliveryEvent.RecipientHash.Length > 0
            && _markers.TryAdd(string.Join('#', deliveryEvent.Campaign, deliveryEvent.Kind, deliveryEvent.RecipientHash), 0))
        {
            Counters.AddOrUpdate((deliveryEvent.Campaign, day, unique), 1, (_, n) => n + 1);
        }
    }
}
