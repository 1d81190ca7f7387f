using System.Globalization;

namespace CrmMail.LocalSuite.Pages;

/// <summary>How the pages write times and ages: UTC with its zone named, ages the way a person says them.</summary>
internal static class PageFormat
{
    /// <summary>"2026-11-30 09:43:35 UTC": a date on a page always says its time zone.</summary>
    public static string Instant(DateTimeOffset instant, bool milliseconds = false)
        => instant.ToUniversalTime().ToString(milliseconds ? "yyyy-MM-dd HH:mm:ss.fff" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"42 s", "4 min", "3 h 5 min", "12 d 4 h": the two largest units, rounded down.</summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalMinutes < 1 ? $"{age.Seconds.ToString(CultureInfo.InvariantCulture)} s"
            : age.TotalHours < 1 ? $"{age.Minutes.ToString(CultureInfo.InvariantCulture)} min"
            : age.TotalDays < 1 ? Two(age.Hours, "h", age.Minutes, "min")
            : Two((int)age.TotalDays, "d", age.Hours, "h");
    }

    private static string Two(int major, string majorUnit, int minor, string minorUnit)
        => minor == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit}")
            : string.Create(CultureInfo.InvariantCulture, $"{major} {majorUnit} {minor} {minorUnit}");
}
