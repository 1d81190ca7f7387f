namespace CrmMail.Campaigns;

/// <summary>A recipient row's state: claimed before the send, then exactly one result.</summary>
public enum RecipientStatus
{
    /// <summary>Claimed by a sender just before the provider was called; no result yet.</summary>
    Claimed = 0,

    /// <summary>The provider accepted the message (its message id is recorded).</summary>
    Sent = 1,

    /// <summary>Unsubscribed from the campaign's topic when its turn came: nothing sent.</summary>
    Suppressed = 2,

    /// <summary>Refused by the provider, or the outcome of a crashed send is unknown.</summary>
    Failed = 3,
}
