namespace CrmMail.Subscriptions.Audit;

/// <summary>Which entry point caused the change.</summary>
public enum AuditSource
{
    /// <summary>GET on an unsubscribe link.</summary>
    Get = 0,

    /// <summary>POST (RFC 8058 one-click or the confirmation page).</summary>
    Post = 1,

    /// <summary>A mail to the unsubscribe mailbox.</summary>
    Mailto = 2,

    /// <summary>A Mailgun webhook event.</summary>
    Webhook = 3,

    /// <summary>The add-contact endpoint.</summary>
    AddContact = 4,

    /// <summary>The send-mail subscription gate.</summary>
    SendGate = 5,

    /// <summary>An SES event (bounce, complaint, SES list management's subscription change) through SNS.</summary>
    SesEvent = 6,
}
