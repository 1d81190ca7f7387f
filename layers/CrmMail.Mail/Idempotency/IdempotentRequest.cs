namespace CrmMail.Mail.Idempotency;

/// <summary>
/// One request's hold on its Idempotency-Key, kept beside the store (as Powertools' idempotency
/// handler is): claim the key first; then give it up when nothing went out (an outage, missing
/// reports, every recipient refused) so the caller's retry really runs, or record the final
/// answer for replays. A request without a key holds nothing and every step is a no-op. Giving
/// up and recording never throw: the answer must still reach the caller, and the key's lock
/// expires on its own; the failure is returned for the caller to log.
/// </summary>
public sealed class IdempotentRequest
{
    private readonly IIdempotencyStore _store;
    private readonly string? _key;
    private readonly string _requestHash;

    private IdempotentRequest(IIdempotencyStore store, string? key, string requestHash, IdempotencyClaim claim)
    {
        _store = store;
        _key = key;
        _requestHash = requestHash;
        Claim = claim;
    }

    /// <summary>What the claim found; <see cref="IdempotencyState.Started"/> when this request owns the key (or has none).</summary>
    public IdempotencyClaim Claim { get; }

    private bool Owns => _key is not null && Claim.State == IdempotencyState.Started;

    /// <summary>
    /// Claims <paramref name="key"/> (null: no key, nothing claimed) for a request whose body
    /// hashes to <paramref name="requestHash"/>. Store outages throw (nothing happened yet).
    /// </summary>
    public static async Task<IdempotentRequest> ClaimAsync(IIdempotencyStore store, string? key, string requestHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(requestHash);
        var claim = key is null
            ? new IdempotencyClaim(IdempotencyState.Started)
            : await store.ClaimAsync(key, requestHash, cancellationToken).ConfigureAwait(false);
        return new IdempotentRequest(store, key, requestHash, claim);
    }

    /// <summary>Gives the key up (nothing was sent; a retry may run again). Returns the failure, if any.</summary>
    public async Task<Exception?> ReleaseAsync(CancellationToken cancellationToken)
    {
        if (!Owns)
        {
            return null;
        }

        try
        {
            await _store.ReleaseAsync(_key!, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    /// <summary>
    /// Records <paramref name="response"/> as the key's answer, or, when <paramref name="nothingSent"/>,
    /// gives the key up instead (a retry with the same key should really retry). Returns the failure, if any.
    /// </summary>
    public async Task<Exception?> CompleteAsync(int statusCode, string response, bool nothingSent, CancellationToken cancellationToken)
    {
        if (!Owns)
        {
            return null;
        }

        if (nothingSent)
        {
            return await ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _store.CompleteAsync(_key!, _requestHash, statusCode, response, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
