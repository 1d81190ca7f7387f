namespace CrmMail.Subscriptions.Audit;

/// <summary>Who and what caused a change: everything an audit row records besides the change itself.</summary>
public sealed record AuditContext
{
    /// <summary>Idempotency key: the same event id never writes a second row.</summary>
    public required string EventId { get; init; }

    /// <summary>The entry point.</summary>
    public required AuditSource Source { get; init; }

    /// <summary>The Lambda or API Gateway request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP method, for link-scanner analysis.</summary>
    public string? Method { get; init; }

    /// <summary>The caller's IP.</summary>
    public string? SourceIp { get; init; }

    /// <summary>The caller's user agent.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The authenticated actor (Firebase uid), when any.</summary>
    public string? Actor { get; init; }

    /// <summary>Time between the token's issue and its use (scanners click within seconds).</summary>
    public TimeSpan? TokenAge { get; init; }

    /// <summary>Detection metadata: reason, inferred topics, verdicts, subject.</summary>
    public IReadOnlyDictionary<string, string>? Detection { get; init; }
}
