using System.Globalization;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;
using CrmMail.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Functions.OutreachStats.Tests;

/// <summary>
/// The stats routes' query rules at their edges, on the flows themselves (the handler tests cover the HTTP shape):
/// each limit is read at its value and refused one past it, and a range reads exactly the days and instants it names.
/// </summary>
public sealed class StatsFlowTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStatsReaders _readers = new();
    private readonly PiiHasher _hasher = new(new byte[32]);

    // Rule: a date alone is the first millisecond of its UTC day as a start and the last as an end; a time with an offset is kept in UTC.
    [Fact]
    public void Instant_DateAloneOrOffset_IsTheUtcDayBoundOrTheUtcInstant()
    {
        List<QueryProblem> problems = [];

        Assert.Equal(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), StatsQuery.Instant("startDate", "2026-11-10", endOfDay: false, problems));
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 23, 59, 59, 999, TimeSpan.Zero), StatsQuery.Instant("endDate", "2026-11-10", endOfDay: true, problems));
        var offset = StatsQuery.Instant("startDate", "2026-11-10T12:00:00+02:00", endOfDay: false, problems)!.Value;
        Assert.Equal((TimeSpan.Zero, 10), (offset.Offset, offset.Hour));
        Assert.Empty(problems);
    }

    // Rule: campaignId may be 200 characters, tags up to 20 of up to 200 characters each; one more of any is 400 naming the field.
    [Fact]
    public async Task CampaignStats_LengthAndCountLimits_AtTheLimitReadOnePastRefused()
    {
        var twenty = Enumerable.Range(0, CampaignStatsFlow.MaxTags).Select(i => "t" + i.ToString("00", CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(CampaignStatsStatus.Read, (await Campaigns(campaign: new string('c', 200))).Status);
        Assert.Equal("campaignId", Assert.Single((await Campaigns(campaign: new string('c', 201))).Problems).Field);
        Assert.Equal(CampaignStatsStatus.Read, (await Campaigns(tags: twenty)).Status);
        Assert.Equal("tags", Assert.Single((await Campaigns(tags: [.. twenty, "t20"])).Problems).Field);
        Assert.Equal(CampaignStatsStatus.Read, (await Campaigns(tags: [new string('t', 200)])).Status);
        Assert.Equal("tags", Assert.Single((await Campaigns(tags: [new string('t', 201)])).Problems).Field);
    }

    // Rule: a blank tag is no tag: blank tags alone read every campaign, beside a real tag they add nothing.
    [Fact]
    public async Task CampaignStats_BlankTags_AreIgnored()
    {
        Row("x", Today, sent: 1);
        Row("y", Today, sent: 1);

        Assert.Equal(["x", "y"], Names(await Campaigns(tags: [" ", string.Empty])));
        Assert.Equal(["x"], Names(await Campaigns(tags: ["x", " "])));
    }

    // Rule: a campaign and tags read the campaign only when a tag names it; a campaign alone reads it; tags alone read each tag.
    [Fact]
    public async Task CampaignStats_CampaignAndTags_TheCampaignOnlyWhenATagNamesIt()
    {
        Row("a", Today, sent: 1);
        Row("b", Today, sent: 1);

        Assert.Equal(["a"], Names(await Campaigns(campaign: "a")));
        Assert.Empty(Names(await Campaigns(campaign: "a", tags: ["b"])));
        Assert.Equal(["a"], Names(await Campaigns(campaign: "a", tags: ["a", "b"])));
        Assert.Equal(["a", "b"], Names(await Campaigns(tags: ["a", "b"])));
    }

    // Rule: across campaigns a range of one day is read, MaxDayByDayRange days are read (its first and last day both
    // counted, a day after its end not), one day more is 400 naming startDate.
    [Fact]
    public async Task CampaignStats_DayByDayRange_OneDayAndTheLimitReadOnePastRefused()
    {
        var first = Today.AddDays(1 - StatsQuery.MaxDayByDayRange);
        Row("x", first, sent: 2);
        Row("x", Today, sent: 3);
        var iso = (DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var oneDay = await Campaigns(start: iso(Today), end: iso(Today));
        var limit = await Campaigns(start: iso(first), end: iso(Today));
        var past = await Campaigns(start: iso(first.AddDays(-1)), end: iso(Today));
        var endedYesterday = await Campaigns(start: iso(first), end: iso(Today.AddDays(-1)));

        Assert.Equal((CampaignStatsStatus.Read, 3L), (oneDay.Status, oneDay.Totals.Sent));
        Assert.Equal((CampaignStatsStatus.Read, 5L, first, Today), (limit.Status, limit.Totals.Sent, limit.From, limit.To));
        Assert.Equal("startDate", Assert.Single(past.Problems).Field);
        Assert.Equal(2L, endedYesterday.Totals.Sent);
    }

    // Rule: campaigns come most sent first, ties by name; each campaign's days come oldest first.
    [Fact]
    public async Task CampaignStats_Order_MostSentThenNameAndDaysOldestFirst()
    {
        Row("b", Today, sent: 5);
        Row("a", Today, sent: 2);
        Row("a", Today.AddDays(-1), sent: 3);
        Row("c", Today, sent: 9);

        var outcome = await Campaigns();

        Assert.Equal(["c", "a", "b"], Names(outcome));
        Assert.Equal([Today.AddDays(-1), Today], outcome.Campaigns[1].Days.Select(d => d.Day));
    }

    // Rule: a request whose time is up (the invocation's deadline) stops reading days rather than reading on.
    [Fact]
    public async Task CampaignStats_Cancelled_StopsReadingDays()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new CampaignStatsFlow(_readers, _time).RunAsync(new CampaignStatsRequest(null, null, null, [], null, null), cancelled.Token));
    }

    // Rule: date-only bounds cover their whole UTC days; equal instants are a valid range; a start after the end is 400 naming endDate.
    [Fact]
    public async Task TrackingData_Bounds_WholeDaysEqualInstantsAndReversedRefused()
    {
        foreach (var at in (string[])["2026-11-09T23:59:00Z", "2026-11-10T00:30:00Z", "2026-11-10T10:00:00Z", "2026-11-10T23:30:00Z", "2026-11-11T00:01:00Z"])
        {
            Event("m1", at);
        }

        var day = await Tracking(messageId: "m1", start: "2026-11-10", end: "2026-11-10");
        var instant = await Tracking(messageId: "m1", start: "2026-11-10T10:00:00Z", end: "2026-11-10T10:00:00Z");
        var reversed = await Tracking(messageId: "m1", start: "2026-11-11", end: "2026-11-10");

        Assert.Equal(["2026-11-10T23:30:00Z", "2026-11-10T10:00:00Z", "2026-11-10T00:30:00Z"], Times(day));
        Assert.Equal(["2026-11-10T10:00:00Z"], Times(instant));
        Assert.Equal("endDate", Assert.Single(reversed.Problems).Field);
        Assert.False(reversed.Truncated);
    }

    // Rule: by a key, an open range reads everything the key has (no default window); given dates are passed as given.
    [Fact]
    public async Task TrackingData_ByKey_OpenRangeIsUnboundedAndGivenDatesAreKept()
    {
        await Tracking(messageId: "m1");
        await Tracking(messageId: "m1", start: "2026-01-01T00:00:00Z", end: "2026-02-01T00:00:00Z");

        Assert.Equal((DateTimeOffset.MinValue, DateTimeOffset.MaxValue), (_readers.Lookups[0].From, _readers.Lookups[0].To));
        Assert.Equal((new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), (_readers.Lookups[1].From, _readers.Lookups[1].To));
    }

    // Rule: an empty eventType is no filter, not an unknown kind.
    [Fact]
    public async Task TrackingData_EmptyEventType_IsNoFilter()
    {
        var outcome = await Tracking(messageId: "m1", eventType: string.Empty);

        Assert.Equal(TrackingDataStatus.Read, outcome.Status);
        Assert.Null(Assert.Single(_readers.Lookups).Kind);
    }

    // Rule: messageId may be 512 characters, one more is 400; offset + limit may reach MaxRowsRead, one past it is 400 naming offset.
    [Fact]
    public async Task TrackingData_Limits_AtTheLimitReadOnePastRefused()
    {
        var atBound = (TrackingDataFlow.MaxRowsRead - StatsQuery.MaxLimit).ToString(CultureInfo.InvariantCulture);
        var pastBound = (TrackingDataFlow.MaxRowsRead - StatsQuery.MaxLimit + 1).ToString(CultureInfo.InvariantCulture);
        var max = StatsQuery.MaxLimit.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(TrackingDataStatus.Read, (await Tracking(messageId: new string('m', 512))).Status);
        Assert.Equal("messageId", Assert.Single((await Tracking(messageId: new string('m', 513))).Problems).Field);
        Assert.Equal(TrackingDataStatus.Read, (await Tracking(messageId: "m1", offset: atBound, limit: max)).Status);
        Assert.Equal("offset", Assert.Single((await Tracking(messageId: "m1", offset: pastBound, limit: max)).Problems).Field);
    }

    // Rule: without a key the range is read day by day: MaxDayByDayRange days are read, one more is 400 naming startDate.
    [Fact]
    public async Task TrackingData_DayByDayRange_TheLimitReadOnePastRefused()
    {
        var first = Today.AddDays(1 - StatsQuery.MaxDayByDayRange).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = Today.AddDays(-StatsQuery.MaxDayByDayRange).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(TrackingDataStatus.Read, (await Tracking(start: first)).Status);
        Assert.Equal(StatsQuery.MaxDayByDayRange, _readers.Lookups.Count);
        Assert.Equal("startDate", Assert.Single((await Tracking(start: before)).Problems).Field);
    }

    // Rule: day by day, reading stops at MaxRowsRead and says it was cut short only when something was left unread: the bound
    // reached before the last day is truncated (no further Query, none for zero rows, which DynamoDB refuses); exactly the
    // bound on the only day is not; more than the bound on one day is.
    [Theory]
    [InlineData(TrackingDataFlow.MaxRowsRead, 1, true, 1)]
    [InlineData(TrackingDataFlow.MaxRowsRead, 0, false, 1)]
    [InlineData(TrackingDataFlow.MaxRowsRead + 1, 0, true, 1)]
    public async Task TrackingData_ReadBound_TruncatedOnlyWhenRowsWereLeft(int today, int yesterday, bool truncated, int queries)
    {
        for (var i = 0; i < today; i++)
        {
            Event("m" + i.ToString(CultureInfo.InvariantCulture), "2026-11-23T10:00:00Z");
        }

        for (var i = 0; i < yesterday; i++)
        {
            Event("y" + i.ToString(CultureInfo.InvariantCulture), "2026-11-22T10:00:00Z");
        }

        var outcome = await Tracking(start: yesterday > 0 ? "2026-11-22" : "2026-11-23", end: "2026-11-23");

        Assert.Equal((TrackingDataStatus.Read, truncated, TrackingDataFlow.MaxRowsRead, queries), (outcome.Status, outcome.Truncated, outcome.Total, _readers.Lookups.Count));
    }

    private Task<CampaignStatsOutcome> Campaigns(string? campaign = null, IReadOnlyList<string>? tags = null, string? start = null, string? end = null)
        => new CampaignStatsFlow(_readers, _time).RunAsync(new CampaignStatsRequest(campaign, start, end, tags ?? [], null, null), default);

    private Task<TrackingDataOutcome> Tracking(string? messageId = null, string? start = null, string? end = null, string? eventType = null, string? limit = null, string? offset = null)
        => new TrackingDataFlow(_readers, _hasher, _time).RunAsync(new TrackingDataRequest(messageId, null, start, end, eventType, limit, offset), default);

    private void Row(string campaign, DateOnly day, long sent)
        => _readers.Rows.Add(new CampaignDayCounts(campaign, day, new Dictionary<string, long>(StringComparer.Ordinal) { [CampaignCounters.Sent] = sent }));

    private void Event(string messageId, string at)
        => _readers.Events.Add(new StoredDeliveryEvent(
            new DeliveryEvent("ses", messageId + at, DeliveryEventKinds.Delivered, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), messageId, "hash", "c", null, new Dictionary<string, string>(StringComparer.Ordinal)),
            "Delivery"));

    private static List<string> Names(CampaignStatsOutcome outcome) => [.. outcome.Campaigns.Select(c => c.Name)];

    private static List<string> Times(TrackingDataOutcome outcome) => [.. outcome.Events.Select(e => e.Event.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))];
}
