namespace CrmMail.Inbound.Mailgun;

/// <summary>How a webhook call ended, in the domain's terms (the handler maps it to HTTP).</summary>
public enum MailgunVerdict
{
    /// <summary>Verified and applied (or nothing to apply); its event is recorded.</summary>
    Processed = 0,

    /// <summary>Verified, and its event id was processed before: acknowledged, not reprocessed.</summary>
    Duplicate = 1,

    /// <summary>The body can never be a webhook (Mailgun should stop retrying).</summary>
    NotAWebhook = 2,

    /// <summary>Signature invalid, timestamp outside the window, or the token already used.</summary>
    Unauthenticated = 3,
}
