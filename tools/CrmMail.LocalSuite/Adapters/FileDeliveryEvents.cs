using System.Globalization;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;
using Stored = CrmMail.Inbound.Stats.StoredDeliveryEvent;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>
/// Provider events and campaign counters in the data folder (<c>state/delivery-events.json</c>,
/// <c>state/campaign-stats.json</c>, <c>state/campaign-markers.json</c>), with the DynamoDB
/// adapters' semantics: an event is stored once and counted with it, opens and clicks count each
/// recipient once per campaign. Counter rows are keyed <c>campaign#&lt;campaign&gt;|day#&lt;day&gt;</c>, as the table's keys.
/// The stats routes read them as the DynamoDB readers do (by campaign and days, by day, events
/// by message, recipient hash or day, newest first), from the files.
/// </summary>
public sealed class FileDeliveryEvents : IDeliveryEventStore, ICampaignCounters, ICampaignStatsReader, IDeliveryEventReader
{
    private readonly JsonFileTable<StoredDeliveryEvent> _events;
    private readonly JsonFileTable<Dictionary<string, long>> _counters;
    private readonly JsonFileTable<Dictionary<string, long>> _markers;

    /// <summary>The files under <paramref name="stateFolder"/>.</summary>
    public FileDeliveryEvents(string stateFolder)
    {
        _events = new(Path.Combine(stateFolder, "delivery-events.json"), LocalDeliveryJsonContext.Default.DictionaryStringStoredDeliveryEvent);
        _counters = new(Path.Combine(stateFolder, "campaign-stats.json"), LocalDeliveryJsonContext.Default.DictionaryStringDictionaryStringInt64);
        _markers = new(Path.Combine(stateFolder, "campaign-markers.json"), LocalDeliveryJsonContext.Default.DictionaryStringDictionaryStringInt64);
    }

    /// <summary>The counters of <paramref name="campaign"/> on <paramref name="day"/> (<c>yyyy-MM-dd</c>); empty when none.</summary>
    public IReadOnlyDictionary<string, long> Counters(string campaign, string day)
        => _counters.Get(CounterKey(campaign, day)) is { } row ? new Dictionary<string, long>(row, StringComparer.Ordinal) : new Dictionary<string, long>(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken) => Task.FromResult(_events.Get(eventId) is not null);

    /// <inheritdoc />
    public Task<bool> TryRecordAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        var added = Store(deliveryEvent);
        if (added)
        {
            Count(deliveryEvent);
        }

        return Task.FromResult(added);
    }

    /// <summary>
    /// Keeps <paramref name="deliveryEvent"/>'s row without counting it (Mailgun's webhook counts
    /// through <see cref="ICampaignCounters"/> itself), as the events table holds both providers'
    /// rows; false when it was kept already.
    /// </summary>
    public bool Store(DeliveryEvent deliveryEvent)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        var row = new StoredDeliveryEvent(deliveryEvent.EventId, deliveryEvent.Provider, deliveryEvent.Kind, deliveryEvent.At, deliveryEvent.MessageId, deliveryEvent.RecipientHash, deliveryEvent.Campaign, deliveryEvent.Stream, new Dictionary<string, string>(deliveryEvent.Details, StringComparer.Ordinal));
        return _events.Update(rows => rows.TryAdd(row.EventId, row) is var fresh ? (fresh, fresh) : default);
    }

    /// <inheritdoc />
    public Task CountAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        Count(deliveryEvent);
        return Task.CompletedTask;
    }

    private static string CounterKey(string campaign, string day) => "campaign#" + campaign + "|day#" + day;

    private void Count(DeliveryEvent deliveryEvent)
    {
        var key = CounterKey(deliveryEvent.Campaign, CampaignCounters.Day(deliveryEvent.At));
        if (CampaignCounters.Total(deliveryEvent.Kind) is { } total)
        {
            Add(key, total);
        }

        if (CampaignCounters.Unique(deliveryEvent.Kind) is { } unique && deliveryEvent.RecipientHash.Length > 0)
        {
            var marker = string.Join('#', "unique", deliveryEvent.Campaign, deliveryEvent.Kind, deliveryEvent.RecipientHash);
            var first = _markers.Update(rows => rows.TryAdd(marker, new Dictionary<string, long>(StringComparer.Ordinal) { ["firstAt"] = deliveryEvent.At.ToUnixTimeSeconds() }) is var fresh ? (fresh, fresh) : default);
            if (first)
            {
                Add(key, unique);
            }
        }
    }

    private void Add(string key, string counter) => _counters.Update(rows =>
    {
        if (!rows.TryGetValue(key, out var row))
        {
            rows[key] = row = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        row[counter] = row.GetValueOrDefault(counter) + 1;
        return (true, 0);
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignDayCounts>> CampaignAsync(string campaign, DateOnly from, DateOnly to, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<CampaignDayCounts>>([.. CounterRows().Where(r => r.Campaign == campaign && r.Day >= from && r.Day <= to).OrderBy(r => r.Day)]);

    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignDayCounts>> DayAsync(DateOnly day, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<CampaignDayCounts>>([.. CounterRows().Where(r => r.Day == day).OrderBy(r => r.Campaign, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task<(IReadOnlyList<Stored> Rows, bool Truncated)> ReadAsync(EventLookup lookup, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var matched = _events.All()
            .Where(e => lookup.Index switch
            {
                EventIndex.Message => e.MessageId == lookup.Value,
                EventIndex.Recipient => e.RecipientHash == lookup.Value,
                _ => CampaignCounters.Day(e.At) == lookup.Value,
            })
            .Where(e => e.At >= lookup.From && e.At <= lookup.To && (lookup.Kind is null || e.Kind == lookup.Kind) && (lookup.RecipientHash is null || e.RecipientHash == lookup.RecipientHash))
            .OrderByDescending(e => e.At)
            .Select(e => new Stored(new DeliveryEvent(e.Provider, e.EventId, e.Kind, e.At, e.MessageId, e.RecipientHash, e.Campaign, e.Stream, e.Details), e.Details.GetValueOrDefault("eventType") ?? e.Kind))
            .ToList();
        return Task.FromResult<(IReadOnlyList<Stored>, bool)>((matched.Take(maxRows).ToList(), matched.Count > maxRows));
    }

    private List<CampaignDayCounts> CounterRows()
    {
        // A snapshot under the table's lock (nothing changed, nothing saved).
        var rows = _counters.Update(all => (false, all.ToList()));
        var result = new List<CampaignDayCounts>(rows.Count);
        foreach (var (key, counts) in rows)
        {
            var bar = key.LastIndexOf("|day#", StringComparison.Ordinal);
            if (key.StartsWith("campaign#", StringComparison.Ordinal) && bar > 0
                && DateOnly.TryParseExact(key[(bar + "|day#".Length)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                result.Add(new CampaignDayCounts(key["campaign#".Length..bar], day, new Dictionary<string, long>(counts, StringComparer.Ordinal)));
            }
        }

        return result;
    }
}
