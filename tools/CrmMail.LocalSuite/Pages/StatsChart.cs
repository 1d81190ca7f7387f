using System.Globalization;
using System.Text;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// One campaign's counters over its days as an inline SVG line chart (no script, no external
/// resource): one polyline per counter, every day of the range on the x axis (a day without a
/// row is zero), the y axis scaled to the largest count.
/// </summary>
internal static class StatsChart
{
    /// <summary>The counters drawn, each with its colour.</summary>
    public static IReadOnlyList<(string Counter, string Colour)> Series { get; } =
    [
        (CampaignCounters.Sent, "#1f5fa8"), (CampaignCounters.Delivered, "#2e8540"), (CampaignCounters.Opened, "#c7781a"),
        (CampaignCounters.Clicked, "#7a3fa0"), (CampaignCounters.Bounced, "#a8201a"), (CampaignCounters.Complained, "#555555"),
    ];

    private const int Width = 560;
    private const int Height = 180;
    private const int Left = 40;
    private const int Bottom = 24;
    private const int Top = 10;

    /// <summary>The chart of <paramref name="days"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string Svg(string campaign, IReadOnlyList<CampaignDayCounts> days, DateOnly from, DateOnly to)
    {
        var count = to.DayNumber - from.DayNumber + 1;
        var byDay = days.ToDictionary(d => d.Day);
        var max = Math.Max(1, days.SelectMany(d => Series.Select(s => d[s.Counter])).DefaultIfEmpty(0).Max());
        double X(int i) => Left + (count == 1 ? (Width - Left) / 2.0 : i * (Width - Left - 10) / (double)(count - 1));
        double Y(long value) => Top + ((Height - Top - Bottom) * (1 - (value / (double)max)));
        string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\">")
            .Append("<title>").Append(Html.Encode(campaign)).Append(": counts per day</title>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\" font-size=\"10\">{max}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"10\">0</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"10\">{from:yyyy-MM-dd}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"10\">{to:yyyy-MM-dd}</text>");
        foreach (var (counter, colour) in Series)
        {
            var points = string.Join(' ', Enumerable.Range(0, count).Select(i => F(X(i)) + "," + F(Y(byDay.TryGetValue(from.AddDays(i), out var row) ? row[counter] : 0))));
            svg.Append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").Append(colour).Append("\" data-counter=\"").Append(counter).Append("\" points=\"").Append(points).Append("\"><title>")
                .Append(counter).Append("</title></polyline>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The legend: each counter in its colour.</summary>
    public static string Legend()
        => string.Concat(Series.Select(s => "<span class=\"legend\"><span style=\"background:" + s.Colour + "\"></span>" + s.Counter + "</span>"));
}
