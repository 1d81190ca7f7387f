namespace CrmMail.Mail.Transport;

/// <summary>What a transport did with one message: a provider message id, or an error after its retries.</summary>
public sealed record SendOutcome(string? MessageId, string? Error)
{
    /// <summary>True when the provider accepted the message.</summary>
    public bool Sent => MessageId is not null;

    /// <summary>Accepted.</summary>
    public static SendOutcome Accepted(string messageId) => new(messageId, null);

    /// <summary>Not accepted; the reason is safe to return to the caller (no secrets, no stack).</summary>
    public static SendOutcome Failed(string error) => new(null, error);
}
