namespace CrmMail.Inbound.SesEvents;

/// <summary>
/// What one SNS message did: the status, a short reason, the event type and message id when
/// readable, how many recipients were recorded or already known, and how many were opted out.
/// </summary>
public sealed record SesEventOutcome(SesEventStatus Status, string Reason, string? EventType = null, string? MessageId = null, int Recorded = 0, int Duplicates = 0, int OptedOut = 0);
