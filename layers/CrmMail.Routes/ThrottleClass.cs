namespace CrmMail.Routes;

/// <summary>Per-method throttling classes (burst / rate set by the CDK app).</summary>
public enum ThrottleClass
{
    /// <summary>Recipient-facing reads and clicks: burst 100, 50 rps.</summary>
    Read = 0,

    /// <summary>Sending: burst 50, 25 rps.</summary>
    Send = 1,

    /// <summary>Provider webhooks: burst 200, 100 rps.</summary>
    Webhook = 2,
}
