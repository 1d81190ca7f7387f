namespace CrmMail.Mail.Idempotency;

/// <summary>Idempotency keys (DynamoDB conditional writes with TTL in AWS, a file locally).</summary>
public interface IIdempotencyStore
{
    /// <summary>Claims <paramref name="key"/> for a request whose body hashes to <paramref name="requestHash"/>.</summary>
    Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the final response under the key.</summary>
    Task CompleteAsync(string key, string requestHash, int statusCode, string response, CancellationToken cancellationToken);

    /// <summary>Gives the key up (nothing was sent; a retry may run again).</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken);
}
