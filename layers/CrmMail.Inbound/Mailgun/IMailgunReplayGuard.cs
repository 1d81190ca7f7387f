namespace CrmMail.Inbound.Mailgun;

/// <summary>Accepts each webhook token once (DynamoDB conditional put with TTL in AWS).</summary>
public interface IMailgunReplayGuard
{
    /// <summary>True the first time <paramref name="token"/> is seen within <paramref name="ttl"/>.</summary>
    Task<bool> TryAcceptAsync(string token, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Forgets a token whose processing failed, so Mailgun's retry is accepted.</summary>
    Task ReleaseAsync(string token, CancellationToken cancellationToken);
}
