namespace CrmMail.LocalSuite.Campaigns;

/// <summary>A message as the queue stand-in keeps it: its body, how often it was received, when it is visible again and the current receipt handle.</summary>
internal sealed class LocalQueueMessage(string id, string body, DateTimeOffset sentAt)
{
    public string Id { get; } = id;

    public string Body { get; } = body;

    public DateTimeOffset SentAt { get; } = sentAt;

    public DateTimeOffset? FirstReceivedAt { get; set; }

    public int ReceiveCount { get; set; }

    public DateTimeOffset VisibleAt { get; set; } = sentAt;

    /// <summary>The handle of the latest receive; a delete with an older one deletes nothing.</summary>
    public string? ReceiptHandle { get; set; }
}
