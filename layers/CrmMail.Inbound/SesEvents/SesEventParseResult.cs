namespace CrmMail.Inbound.SesEvents;

/// <summary>The parsed event, or why the message cannot be one (a short code, never the content).</summary>
public sealed record SesEventParseResult(SesEvent? Event, string? IgnoredReason)
{
    /// <summary>A message that is no usable SES event.</summary>
    public static SesEventParseResult Ignored(string reason) => new(null, reason);
}
