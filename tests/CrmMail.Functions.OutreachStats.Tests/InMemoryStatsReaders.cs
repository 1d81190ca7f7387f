using CrmMail.Inbound.Stats;
using CrmMail.Kernel;

namespace CrmMail.Functions.OutreachStats.Tests;

/// <summary>Counter rows and events in lists, read as the DynamoDB adapters read (by key, newest first); records each lookup.</summary>
internal sealed class InMemoryStatsReaders : ICampaignStatsReader, IDeliveryEventReader
{
    public List<CampaignDayCounts> Rows { get; } = [];

    public List<StoredDeliveryEvent> Events { get; } = [];

    public List<EventLookup> Lookups { get; } = [];

    public bool Down { get; set; }

    public Task<IReadOnlyList<CampaignDayCounts>> CampaignAsync(string campaign, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<CampaignDayCounts>>([.. Rows.Where(r => r.Campaign == campaign && r.Day >= from && r.Day <= to).OrderBy(r => r.Day)]);
    }

    public Task<IReadOnlyList<CampaignDayCounts>> DayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult<IReadOnlyList<CampaignDayCounts>>([.. Rows.Where(r => r.Day == day).OrderBy(r => r.Campaign, StringComparer.Ordinal)]);
    }

    public Task<(IReadOnlyList<StoredDeliveryEvent> Rows, bool Truncated)> ReadAsync(EventLookup lookup, int maxRows, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        lock (Lookups)
        {
            Lookups.Add(lookup);
        }

        var matched = Events.Where(e => lookup.Index switch
            {
                EventIndex.Message => e.Event.MessageId == lookup.Value,
                EventIndex.Recipient => e.Event.RecipientHash == lookup.Value,
                _ => CrmMail.Inbound.Events.CampaignCounters.Day(e.Event.At) == lookup.Value,
            })
            .Where(e => e.Event.At >= lookup.From && e.Event.At <= lookup.To)
            .Where(e => lookup.Kind is null || e.Event.Kind == lookup.Kind)
            .Where(e => lookup.RecipientHash is null || e.Event.RecipientHash == lookup.RecipientHash)
            .OrderByDescending(e => e.Event.At)
            .ToList();
        return Task.FromResult<(IReadOnlyList<StoredDeliveryEvent>, bool)>((matched.Take(maxRows).ToList(), matched.Count > maxRows));
    }

    private void ThrowIfDown()
    {
        if (Down)
        {
            throw new DependencyUnavailableException("DynamoDB Query failed: InternalServerError");
        }
    }
}
