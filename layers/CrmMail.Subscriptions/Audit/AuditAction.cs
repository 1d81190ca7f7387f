namespace CrmMail.Subscriptions.Audit;

/// <summary>What happened to a contact.</summary>
public enum AuditAction
{
    /// <summary>The contact was created.</summary>
    Add = 0,

    /// <summary>The contact was removed.</summary>
    Remove = 1,

    /// <summary>Preferences changed otherwise.</summary>
    Update = 2,

    /// <summary>One topic or all were opted out.</summary>
    Unsubscribe = 3,

    /// <summary>Topics were opted in again.</summary>
    Resubscribe = 4,

    /// <summary>A send was skipped because the recipient is unsubscribed.</summary>
    Suppress = 5,
}
