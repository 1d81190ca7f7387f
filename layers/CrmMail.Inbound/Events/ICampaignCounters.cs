namespace CrmMail.Inbound.Events;

/// <summary>
/// The per-campaign, per-day counters (<see cref="CampaignCounters"/>), for an event stored
/// elsewhere (Mailgun's own event rows): atomic ADDs, and for opens and clicks a marker per
/// campaign and recipient written under a not-exists condition, so each recipient counts once.
/// </summary>
public interface ICampaignCounters
{
    /// <summary>Adds <paramref name="deliveryEvent"/> to its campaign's counters for its day.</summary>
    Task CountAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken);
}
