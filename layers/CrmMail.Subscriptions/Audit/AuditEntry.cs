namespace CrmMail.Subscriptions.Audit;

/// <summary>One row of a contact's history.</summary>
public sealed record AuditEntry(
    string Email,
    AuditAction Action,
    IReadOnlyList<string> Topics,
    bool Changed,
    DateTimeOffset Timestamp,
    AuditContext Context);
