using CrmMail.Inbound.Events;

namespace CrmMail.Inbound.Stats;

/// <summary>
/// Counts summed over counter rows, and the CRM's rates: delivery = delivered / sent, open =
/// unique opens / delivered, click = unique clicks / unique opens (the CRM's example reads so:
/// 89 clicks of 456 opens is 19.52 %), each a percentage rounded to two places, 0 when the
/// denominator is 0.
/// </summary>
public sealed record CampaignTotals
{
    /// <summary>Messages sent.</summary>
    public long Sent { get; init; }

    /// <summary>Messages delivered.</summary>
    public long Delivered { get; init; }

    /// <summary>Recipients who opened (each once per campaign).</summary>
    public long Opened { get; init; }

    /// <summary>Recipients who clicked (each once per campaign).</summary>
    public long Clicked { get; init; }

    /// <summary>Every open.</summary>
    public long Opens { get; init; }

    /// <summary>Every click.</summary>
    public long Clicks { get; init; }

    /// <summary>Permanent bounces.</summary>
    public long Bounced { get; init; }

    /// <summary>Spam complaints.</summary>
    public long Complained { get; init; }

    /// <summary>Opt-outs a provider reported.</summary>
    public long Unsubscribed { get; init; }

    /// <summary>Messages a provider's suppression list stopped.</summary>
    public long Suppressed { get; init; }

    /// <summary>Delivered of sent, in percent.</summary>
    public double DeliveryRate => Rate(Delivered, Sent);

    /// <summary>Unique opens of delivered, in percent.</summary>
    public double OpenRate => Rate(Opened, Delivered);

    /// <summary>Unique clicks of unique opens, in percent.</summary>
    public double ClickRate => Rate(Clicked, Opened);

    /// <summary>The sum of <paramref name="rows"/>.</summary>
    public static CampaignTotals Sum(IEnumerable<CampaignDayCounts> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows as IReadOnlyCollection<CampaignDayCounts> ?? [.. rows];
        long Total(string counter) => list.Sum(r => r[counter]);
        return new CampaignTotals
        {
            Sent = Total(CampaignCounters.Sent),
            Delivered = Total(CampaignCounters.Delivered),
            Opened = Total(CampaignCounters.Opened),
            Clicked = Total(CampaignCounters.Clicked),
            Opens = Total(CampaignCounters.Opens),
            Clicks = Total(CampaignCounters.Clicks),
            Bounced = Total(CampaignCounters.Bounced),
            Complained = Total(CampaignCounters.Complained),
            Unsubscribed = Total(CampaignCounters.Unsubscribed),
            Suppressed = Total(CampaignCounters.Suppressed),
        };
    }

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 2, MidpointRounding.AwayFromZero);
}
