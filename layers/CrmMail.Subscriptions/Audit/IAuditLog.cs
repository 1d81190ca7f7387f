namespace CrmMail.Subscriptions.Audit;

/// <summary>The audit trail port (DynamoDB in AWS, a JSON-lines file locally).</summary>
public interface IAuditLog
{
    /// <summary>Writes the row; false when a row with the same event id exists (nothing written).</summary>
    Task<bool> WriteAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>A contact's rows, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken);
}
