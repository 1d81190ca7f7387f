namespace CrmMail.Inbound.Events;

/// <summary>The suite's words for what a provider reported, shared by SES and Mailgun events.</summary>
public static class DeliveryEventKinds
{
    /// <summary>The provider accepted the message (SES Send, Mailgun accepted).</summary>
    public const string Sent = "sent";

    /// <summary>The receiving server took it (SES Delivery, Mailgun delivered).</summary>
    public const string Delivered = "delivered";

    /// <summary>Delivery is delayed and still being retried (SES DeliveryDelay, Mailgun temporary failure).</summary>
    public const string Delayed = "delayed";

    /// <summary>A permanent bounce (the address does not take mail).</summary>
    public const string Bounced = "bounced";

    /// <summary>A transient bounce (mailbox full, message too large): no opt-out.</summary>
    public const string SoftBounced = "soft-bounced";

    /// <summary>Not sent because the address is on a suppression list (SES's or Mailgun's).</summary>
    public const string Suppressed = "suppressed";

    /// <summary>The recipient reported the message as spam.</summary>
    public const string Complained = "complained";

    /// <summary>SES refused the message (virus).</summary>
    public const string Rejected = "rejected";

    /// <summary>SES could not render the template.</summary>
    public const string Failed = "failed";

    /// <summary>The recipient opened the message (tracking pixel).</summary>
    public const string Opened = "opened";

    /// <summary>The recipient followed a tracked link.</summary>
    public const string Clicked = "clicked";

    /// <summary>The recipient opted out (SES list management, Mailgun's unsubscribe link).</summary>
    public const string Unsubscribed = "unsubscribed";

    /// <summary>The recipient opted in again on SES's preference page.</summary>
    public const string Subscribed = "subscribed";

    /// <summary>A provider event the suite has no word for (kept, not counted).</summary>
    public const string Other = "other";

    /// <summary>The campaign of a message that carried no <c>campaign</c> tag.</summary>
    public const string NoCampaign = "none";
}
