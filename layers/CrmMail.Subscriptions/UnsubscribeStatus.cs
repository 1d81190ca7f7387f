namespace CrmMail.Subscriptions;

/// <summary>How an unsubscribe request ended.</summary>
public enum UnsubscribeStatus
{
    /// <summary>Applied (or already in place).</summary>
    Unsubscribed = 0,

    /// <summary>Valid, nothing changed: the confirmation page must POST (GET mode <c>confirm</c>).</summary>
    ConfirmationRequired = 1,

    /// <summary>The token was refused; see the rejection.</summary>
    InvalidToken = 2,

    /// <summary>The token is for another stream than the URL's.</summary>
    StreamMismatch = 3,
}
