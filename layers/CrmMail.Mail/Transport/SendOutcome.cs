namespace CrmMail.Mail.Transport;

/// <summary>
/// What a transport did with one message: a provider message id, or an error after its
/// retries. <see cref="Error"/> is the provider's detail for diagnostics only: it can hold an
/// endpoint or an address, so it is never returned to a caller or logged.
/// </summary>
public sealed record SendOutcome(string? MessageId, string? Error, bool Transient = false)
{
    /// <summary>True when the provider accepted the message.</summary>
    public bool Sent => MessageId is not null;

    /// <summary>Accepted.</summary>
    public static SendOutcome Accepted(string messageId) => new(messageId, null);

    /// <summary>Refused for this message (rejected, invalid): sending it again unchanged will not help.</summary>
    public static SendOutcome Failed(string error) => new(null, error);

    /// <summary>
    /// The provider did not take the message for a reason that is not the message's (throttled,
    /// 5xx, unreachable, sending paused) after the transport's own retries: the caller may retry later.
    /// </summary>
    public static SendOutcome Unavailable(string error) => new(null, error, Transient: true);
}
