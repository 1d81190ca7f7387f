namespace CrmMail.LocalSuite.Campaigns;

/// <summary>The queue's approximate counts, as SQS reports them: visible, in flight (received, not yet deleted or visible again) and in the dead-letter queue.</summary>
internal sealed record LocalQueueCounts(int Visible, int InFlight, int DeadLetter, long Deleted, int Invocations);
