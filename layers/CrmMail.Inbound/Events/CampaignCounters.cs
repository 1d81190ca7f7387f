namespace CrmMail.Inbound.Events;

/// <summary>
/// The per-campaign, per-day counters and which event kind adds to which. <c>opened</c> and
/// <c>clicked</c> count each recipient once per campaign (the first open or click, on its day);
/// <c>opens</c> and <c>clicks</c> count every one. Kinds without a counter are stored, not counted.
/// </summary>
public static class CampaignCounters
{
    /// <summary>Messages the provider accepted.</summary>
    public const string Sent = "sent";

    /// <summary>Messages delivered.</summary>
    public const string Delivered = "delivered";

    /// <summary>Recipients who opened, once each per campaign.</summary>
    public const string Opened = "opened";

    /// <summary>Recipients who clicked, once each per campaign.</summary>
    public const string Clicked = "clicked";

    /// <summary>Every open.</summary>
    public const string Opens = "opens";

    /// <summary>Every click.</summary>
    public const string Clicks = "clicks";

    /// <summary>Permanent bounces.</summary>
    public const string Bounced = "bounced";

    /// <summary>Spam complaints.</summary>
    public const string Complained = "complained";

    /// <summary>Opt-outs reported by a provider.</summary>
    public const string Unsubscribed = "unsubscribed";

    /// <summary>Messages a provider did not send because of its suppression list.</summary>
    public const string Suppressed = "suppressed";

    /// <summary>Every counter, in the order the stats show them.</summary>
    public static IReadOnlyList<string> All { get; } = [Sent, Delivered, Opened, Clicked, Opens, Clicks, Bounced, Complained, Unsubscribed, Suppressed];

    /// <summary>The counter every event of <paramref name="kind"/> adds one to, or null.</summary>
    public static string? Total(string kind) => kind switch
    {
        DeliveryEventKinds.Sent => Sent,
        DeliveryEventKinds.Delivered => Delivered,
        DeliveryEventKinds.Opened => Opens,
        DeliveryEventKinds.Clicked => Clicks,
        DeliveryEventKinds.Bounced => Bounced,
        DeliveryEventKinds.Complained => Complained,
        DeliveryEventKinds.Unsubscribed => Unsubscribed,
        DeliveryEventKinds.Suppressed => Suppressed,
        _ => null,
    };

    /// <summary>The counter the first event of <paramref name="kind"/> per recipient and campaign adds one to, or null.</summary>
    public static string? Unique(string kind) => kind switch
    {
        DeliveryEventKinds.Opened => Opened,
        DeliveryEventKinds.Clicked => Clicked,
        _ => null,
    };

    /// <summary>The counters' day of <paramref name="at"/>: its UTC date, <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
