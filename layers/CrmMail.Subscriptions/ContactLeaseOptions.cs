namespace CrmMail.Subscriptions;

/// <summary>How long a contact lease lasts, how long a change waits for one, and the safety margin before it expires.</summary>
/// <param name="Duration">The lease's lifetime; a crashed holder blocks the contact at most this long.</param>
/// <param name="MaxWait">How long a change waits for a held lease before answering "try again" (503, or a retried event).</param>
/// <param name="SafetyMargin">Work under the lease is cancelled this long before it expires, so no write is sent by a holder whose lease another container may already have.</param>
public sealed record ContactLeaseOptions(TimeSpan Duration, TimeSpan MaxWait, TimeSpan SafetyMargin)
{
    /// <summary>
    /// 30 s lease (one read-modify-write-read-back takes well under a second; the functions'
    /// timeouts are 15 to 30 s), 5 s wait (inside API Gateway's 29 s with room for the answer),
    /// 10 s margin (longer than one SES call's 10 s HttpClient timeout can leave in flight).
    /// </summary>
    public static ContactLeaseOptions Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
}
