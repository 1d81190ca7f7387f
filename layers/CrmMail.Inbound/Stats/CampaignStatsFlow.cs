using System.Globalization;

namespace CrmMail.Inbound.Stats;

/// <summary>
/// GET /outreach/campaign-stats: the counters of the asked campaigns and days, summed per
/// campaign and over all, from key reads only. A campaign (<c>campaignId</c>) is one Query on
/// its key; tags (which name campaigns: the counters are keyed by the message's campaign tag,
/// the only tag they keep) are one Query each; neither reads each day's campaigns from the day
/// index, one Query per day, so that range is bounded (<see cref="StatsQuery.MaxDayByDayRange"/>).
/// </summary>
public sealed class CampaignStatsFlow(ICampaignStatsReader reader, TimeProvider timeProvider)
{
    /// <summary>Most tags one request may name (one Query each).</summary>
    public const int MaxTags = 20;

    /// <summary>Day reads in flight at once: enough to hide latency, few enough not to throttle the table.</summary>
    public const int DayReadConcurrency = 4;

    /// <summary>Checks <paramref name="request"/>, reads the counters and sums them.</summary>
    public async Task<CampaignStatsOutcome> RunAsync(CampaignStatsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<QueryProblem>();
        var limit = StatsQuery.Integer("limit", request.Limit, StatsQuery.DefaultLimit, 1, StatsQuery.MaxLimit, problems);
        var offset = StatsQuery.Integer("offset", request.Offset, 0, 0, int.MaxValue, problems);
        var end = StatsQuery.Instant("endDate", request.EndDate, endOfDay: true, problems);
        var start = StatsQuery.Instant("startDate", request.StartDate, endOfDay: false, problems);
        var campaign = string.IsNullOrWhiteSpace(request.CampaignId) ? null : request.CampaignId.Trim();
        if (campaign is { Length: > 200 })
        {
            problems.Add(new QueryProblem("campaignId", "must be at most 200 characters."));
        }

        var tags = request.Tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxTags || tags.Any(t => t.Length > 200))
        {
            problems.Add(new QueryProblem("tags", string.Create(CultureInfo.InvariantCulture, $"at most {MaxTags} tags of at most 200 characters.")));
        }

        var to = StatsQuery.Day(end ?? timeProvider.GetUtcNow());
        var from = start is { } s ? StatsQuery.Day(s) : to.AddDays(1 - StatsQuery.DefaultRangeDays);
        if (problems.Count == 0 && from > to)
        {
            problems.Add(new QueryProblem("endDate", "must not be before startDate."));
        }

        var dayByDay = campaign is null && tags.Count == 0;
        if (problems.Count == 0 && dayByDay && to.DayNumber - from.DayNumber + 1 > StatsQuery.MaxDayByDayRange)
        {
            problems.Add(new QueryProblem("startDate", string.Create(CultureInfo.InvariantCulture, $"across all campaigns the range is at most {StatsQuery.MaxDayByDayRange} days; name a campaignId or tags for longer.")));
        }

        if (problems.Count > 0)
        {
            return CampaignStatsOutcome.Refused(problems);
        }

        IReadOnlyList<CampaignDayCounts> rows;
        if (dayByDay)
        {
            rows = await ReadDaysAsync(from, to, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A campaign and tags: the campaign only if a tag names it.
            IReadOnlyList<string> names = campaign is null ? tags : tags.Count == 0 || tags.Contains(campaign, StringComparer.Ordinal) ? [campaign] : [];
            var read = new List<CampaignDayCounts>();
            foreach (var name in names)
            {
                read.AddRange(await reader.CampaignAsync(name, from, to, cancellationToken).ConfigureAwait(false));
            }

            rows = read;
        }

        var campaigns = rows
            .GroupBy(r => r.Campaign, StringComparer.Ordinal)
            .Select(g => new CampaignSummary(g.Key, CampaignTotals.Sum(g), [.. g.OrderBy(r => r.Day)]))
            .OrderByDescending(c => c.Totals.Sent)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new CampaignStatsOutcome(
            CampaignStatsStatus.Read,
            [],
            from,
            to,
            CampaignTotals.Sum(rows),
            [.. campaigns.Skip(offset).Take(limit)],
            campaigns.Count,
            limit,
            offset);
    }

    private async Task<IReadOnlyList<CampaignDayCounts>> ReadDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToArray();
        var perDay = new IReadOnlyList<CampaignDayCounts>[days.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, days.Length),
            new ParallelOptions { MaxDegreeOfParallelism = DayReadConcurrency, CancellationToken = cancellationToken },
            async (i, ct) => perDay[i] = await reader.DayAsync(days[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. perDay.SelectMany(d => d)];
    }
}
