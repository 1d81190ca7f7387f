namespace CrmMail.Subscriptions;

/// <summary>How an add-contact (resubscribe) request ended.</summary>
public enum AddContactStatus
{
    /// <summary>Resubscribed (or already subscribed).</summary>
    Resubscribed = 0,

    /// <summary>The request itself is invalid (400).</summary>
    BadRequest = 1,

    /// <summary>No credentials, or invalid ones (401).</summary>
    Unauthorized = 2,

    /// <summary>Valid credentials that do not allow this (403).</summary>
    Forbidden = 3,
}
