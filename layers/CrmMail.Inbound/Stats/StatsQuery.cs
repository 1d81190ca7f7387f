using System.Globalization;

namespace CrmMail.Inbound.Stats;

/// <summary>
/// The rules the stats routes' query parameters share: ISO 8601 dates (a date alone, or a date
/// and time with its offset), a limit of 1 to <see cref="MaxLimit"/>, an offset of 0 or more.
/// Each refusal names its parameter.
/// </summary>
public static class StatsQuery
{
    /// <summary>The largest page (the CRM documents 1,000).</summary>
    public const int MaxLimit = 1000;

    /// <summary>The page size when none is asked for (the CRM's default).</summary>
    public const int DefaultLimit = 100;

    /// <summary>
    /// The longest range read day by day (one Query per day): a quarter. A range read by one key
    /// (a campaign, a message, a recipient) is one Query and has no such bound.
    /// </summary>
    public const int MaxDayByDayRange = 92;

    /// <summary>The range when none is given: the last 30 days, today included.</summary>
    public const int DefaultRangeDays = 30;

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Reads an integer parameter within [<paramref name="min"/>, <paramref name="max"/>]; absent gives <paramref name="fallback"/>.</summary>
    public static int Integer(string field, string? text, int fallback, int min, int max, List<QueryProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add(new QueryProblem(field, string.Create(CultureInfo.InvariantCulture, $"must be an integer from {min} to {max}.")));
            return fallback;
        }

        return value;
    }

    /// <summary>
    /// Reads an ISO 8601 instant; a date alone is the start of that UTC day, or its last
    /// millisecond when <paramref name="endOfDay"/>. Null when absent or refused.
    /// </summary>
    public static DateTimeOffset? Instant(string field, string? text, bool endOfDay, List<QueryProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddMilliseconds(-1) : start;
        }

        if (DateTimeOffset.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        problems.Add(new QueryProblem(field, "must be an ISO 8601 date (2023-10-01) or date and time (2023-10-01T00:00:00Z)."));
        return null;
    }

    /// <summary>The UTC date of <paramref name="instant"/>.</summary>
    public static DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
}
