namespace CrmMail.Inbound.Stats;

/// <summary>Which key an event lookup reads by (each is an index of the events table, sorted by time).</summary>
public enum EventIndex
{
    /// <summary>One provider message id.</summary>
    Message,

    /// <summary>One recipient's keyed hash.</summary>
    Recipient,

    /// <summary>One UTC day (<c>yyyy-MM-dd</c>).</summary>
    Day,
}
