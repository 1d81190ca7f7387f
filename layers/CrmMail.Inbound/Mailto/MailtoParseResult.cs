namespace CrmMail.Inbound.Mailto;

/// <summary>A parsed message, or why the notification was set aside (logged and acknowledged).</summary>
public sealed record MailtoParseResult(MailtoMessage? Message, string? IgnoredReason)
{
    /// <summary>A message to act on.</summary>
    public static MailtoParseResult Of(MailtoMessage message) => new(message, null);

    /// <summary>Nothing to act on.</summary>
    public static MailtoParseResult Ignored(string reason) => new(null, reason);
}
