using System.Globalization;
using CrmMail.Inbound.Events;
using CrmMail.Subscriptions;

namespace CrmMail.Inbound.Stats;

/// <summary>
/// GET /outreach/tracking-data: stored events newest first, by one key. A message id reads the
/// message index (and, with a recipient too, keeps that recipient's events); a recipient reads
/// the recipient index by the address's keyed hash (the address itself is never stored, logged
/// or passed on); neither reads the day index one day at a time, newest day first, within a
/// bounded range. At most <see cref="MaxRowsRead"/> rows are read, so a page lies within them and
/// the total is exact below that.
/// </summary>
public sealed class TrackingDataFlow(IDeliveryEventReader reader, PiiHasher hasher, TimeProvider timeProvider)
{
    /// <summary>The most rows one request reads: the total is exact up to here, and offset + limit may not pass it.</summary>
    public const int MaxRowsRead = 10_000;

    /// <summary>The kinds an <c>eventType</c> may name: the CRM's six and the suite's other words.</summary>
    public static IReadOnlyList<string> EventTypes { get; } =
    [
        DeliveryEventKinds.Delivered, DeliveryEventKinds.Opened, DeliveryEventKinds.Clicked, DeliveryEventKinds.Bounced, DeliveryEventKinds.Complained,
        DeliveryEventKinds.Unsubscribed, DeliveryEventKinds.Sent, DeliveryEventKinds.Delayed, DeliveryEventKinds.SoftBounced, DeliveryEventKinds.Suppressed,
        DeliveryEventKinds.Rejected, DeliveryEventKinds.Failed, DeliveryEventKinds.Subscribed, DeliveryEventKinds.Other,
    ];

    /// <summary>Checks <paramref name="request"/> and reads the page it asks for.</summary>
    public async Task<TrackingDataOutcome> RunAsync(TrackingDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<QueryProblem>();
        var limit = StatsQuery.Integer("limit", request.Limit, StatsQuery.DefaultLimit, 1, StatsQuery.MaxLimit, problems);
        var offset = StatsQuery.Integer("offset", request.Offset, 0, 0, MaxRowsRead - 1, problems);
        if (problems.Count == 0 && offset + limit > MaxRowsRead)
        {
            problems.Add(new QueryProblem("offset", string.Create(CultureInfo.InvariantCulture, $"offset + limit must be at most {MaxRowsRead}; narrow the dates instead.")));
        }

        var start = StatsQuery.Instant("startDate", request.StartDate, endOfDay: false, problems);
        var end = StatsQuery.Instant("endDate", request.EndDate, endOfDay: true, problems);
        var kind = string.IsNullOrEmpty(request.EventType) ? null : request.EventType;
        if (kind is not null && !EventTypes.Contains(kind, StringComparer.Ordinal))
        {
            problems.Add(new QueryProblem("eventType", "must be one of " + string.Join(", ", EventTypes) + "."));
        }

        var messageId = string.IsNullOrWhiteSpace(request.MessageId) ? null : request.MessageId.Trim();
        if (messageId is { Length: > 512 })
        {
            problems.Add(new QueryProblem("messageId", "must be at most 512 characters."));
        }

        string? recipientHash = null;
        if (!string.IsNullOrEmpty(request.RecipientEmail))
        {
            if (EmailAddress.IsPlausible(request.RecipientEmail.Trim()))
            {
                recipientHash = hasher.Hash(request.RecipientEmail.Trim());
            }
            else
            {
                problems.Add(new QueryProblem("recipientEmail", "must be an email address."));
            }
        }

        if (problems.Count == 0 && start > end)
        {
            problems.Add(new QueryProblem("endDate", "must not be before startDate."));
        }

        // By a key, an open range reads everything the key has; by day, the default is the last 30 days.
        var byKey = messageId is not null || recipientHash is not null;
        var to = end ?? (byKey ? DateTimeOffset.MaxValue : timeProvider.GetUtcNow());
        var from = start ?? (byKey ? DateTimeOffset.MinValue : new DateTimeOffset(StatsQuery.Day(to).AddDays(1 - StatsQuery.DefaultRangeDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (problems.Count == 0 && !byKey && StatsQuery.Day(to).DayNumber - StatsQuery.Day(from).DayNumber + 1 > StatsQuery.MaxDayByDayRange)
        {
            problems.Add(new QueryProblem("startDate", string.Create(CultureInfo.InvariantCulture, $"without a messageId or recipientEmail the range is at most {StatsQuery.MaxDayByDayRange} days.")));
        }

        if (problems.Count > 0)
        {
            return TrackingDataOutcome.Refused(problems);
        }

        List<StoredDeliveryEvent> rows;
        var truncated = false;
        if (byKey)
        {
            var lookup = messageId is not null
                ? new EventLookup(EventIndex.Message, messageId, from, to, kind, recipientHash)
                : new EventLookup(EventIndex.Recipient, recipientHash!, from, to, kind, null);
            var read = await reader.ReadAsync(lookup, MaxRowsRead, cancellationToken).ConfigureAwait(false);
            rows = [.. read.Rows];
            truncated = read.Truncated;
        }
        else
        {
            rows = [];
            for (var day = StatsQuery.Day(to); day >= StatsQuery.Day(from) && !truncated; day = day.AddDays(-1))
            {
                var read = await reader.ReadAsync(new EventLookup(EventIndex.Day, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), from, to, kind, null), MaxRowsRead - rows.Count, cancellationToken).ConfigureAwait(false);
                rows.AddRange(read.Rows);
                truncated = read.Truncated || (rows.Count >= MaxRowsRead && day > StatsQuery.Day(from));
            }
        }

        return new TrackingDataOutcome(TrackingDataStatus.Read, [], [.. rows.Skip(offset).Take(limit)], rows.Count, truncated, limit, offset);
    }
}
