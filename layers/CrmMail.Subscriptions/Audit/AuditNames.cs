namespace CrmMail.Subscriptions.Audit;

/// <summary>Wire names of actions and sources (audit rows, logs, metrics).</summary>
public static class AuditNames
{
    /// <summary>add, remove, update, unsubscribe, resubscribe, suppress.</summary>
    public static string Of(AuditAction action) => action switch
    {
        AuditAction.Add => "add",
        AuditAction.Remove => "remove",
        AuditAction.Update => "update",
        AuditAction.Unsubscribe => "unsubscribe",
        AuditAction.Resubscribe => "resubscribe",
        AuditAction.Suppress => "suppress",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>get, post, mailto, webhook, add-contact, send-gate, ses-event.</summary>
    public static string Of(AuditSource source) => source switch
    {
        AuditSource.Get => "get",
        AuditSource.Post => "post",
        AuditSource.Mailto => "mailto",
        AuditSource.Webhook => "webhook",
        AuditSource.AddContact => "add-contact",
        AuditSource.SendGate => "send-gate",
        AuditSource.SesEvent => "ses-event",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>Parses an action name.</summary>
    public static AuditAction ParseAction(string value) => value switch
    {
        "add" => AuditAction.Add,
        "remove" => AuditAction.Remove,
        "update" => AuditAction.Update,
        "unsubscribe" => AuditAction.Unsubscribe,
        "resubscribe" => AuditAction.Resubscribe,
        "suppress" => AuditAction.Suppress,
        _ => throw new FormatException($"Unknown audit action '{value}'."),
    };

    /// <summary>Parses a source name.</summary>
    public static AuditSource ParseSource(string value) => value switch
    {
        "get" => AuditSource.Get,
        "post" => AuditSource.Post,
        "mailto" => AuditSource.Mailto,
        "webhook" => AuditSource.Webhook,
        "add-contact" => AuditSource.AddContact,
        "send-gate" => AuditSource.SendGate,
        "ses-event" => AuditSource.SesEvent,
        _ => throw new FormatException($"Unknown audit source '{value}'."),
    };
}
