using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CrmMail.Kernel;
using Microsoft.IdentityModel.Tokens;

namespace CrmMail.Identity;

/// <summary>
/// Fetches the certificates URL (a JSON map kid → PEM certificate) and caches the keys
/// until the response's Cache-Control max-age, as FirebaseAdmin's HttpPublicKeySource does.
/// Whatever Google answers, there is at most one fetch a minute: an answer without max-age is
/// kept for that minute, and a failure (HTTP error, timeout, unreadable body, a fetch the
/// caller abandoned) is remembered for that minute too (negative caching), so forged kids or a
/// sick endpoint cannot turn requests into fetches. A forced refresh (an unknown kid: Google
/// rotates keys) fetches once the last fetch is a minute old, even within max-age. A failed
/// fetch keeps keys that are still within their max-age (a forged kid stays a 401); without
/// such keys the caller gets <see cref="DependencyUnavailableException"/> (503, retry).
/// </summary>
public sealed class HttpFirebaseCertificateSource(HttpClient http, Uri certificatesUrl, TimeProvider timeProvider) : IFirebaseCertificateSource
{
    /// <summary>Google's published certificates for Firebase ID tokens.</summary>
    public static readonly Uri DefaultUrl = new("https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com");

    /// <summary>The least time between two fetches, whatever the last one returned.</summary>
    public static readonly TimeSpan MinFetchInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    // One immutable snapshot, swapped whole, so a reader outside the gate never sees half an update.
    private volatile CacheState _state = CacheState.Empty;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, SecurityKey>> GetKeysAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (Cached(_state, forceRefresh, timeProvider.GetUtcNow()) is { } keys)
        {
            return keys;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the gate may just have fetched: check again before fetching.
            var now = timeProvider.GetUtcNow();
            var state = _state;
            return Cached(state, forceRefresh, now) ?? await FetchAsync(state, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // The keys to answer with, or null when a fetch is both needed and allowed.
    private static IReadOnlyDictionary<string, SecurityKey>? Cached(CacheState state, bool forceRefresh, DateTimeOffset now)
    {
        var fresh = now < state.ExpiresAt;
        if (fresh && !forceRefresh)
        {
            return state.Keys;
        }

        if (state.LastAttempt is not { } last || now - last >= MinFetchInterval)
        {
            return null;
        }

        // Fetched less than a minute ago: that answer stands until the minute is over.
        if (state.LastFailure is null || fresh)
        {
            return state.Keys;
        }

        throw new DependencyUnavailableException($"Firebase certificates: the last fetch failed ({state.LastFailure}); the next is allowed a minute after it.");
    }

    private async Task<IReadOnlyDictionary<string, SecurityKey>> FetchAsync(CacheState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string failure;
        Exception? cause = null;
        try
        {
            using var response = await http.GetAsync(certificatesUrl, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var keys = Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
                if (keys.Count > 0)
                {
                    // No max-age means "do not cache"; the minute between fetches still holds.
                    _state = new CacheState(keys, now + (response.Headers.CacheControl?.MaxAge ?? TimeSpan.Zero), now, null);
                    return keys;
                }

                failure = "no keys in the answer";
            }
            else
            {
                failure = $"HTTP {(int)response.StatusCode}";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's deadline: still a fetch, or a hung endpoint would be fetched per request.
            _state = state with { LastAttempt = now, LastFailure = "abandoned at the caller's deadline" };
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException or System.Security.Cryptography.CryptographicException or InvalidOperationException or ArgumentException)
        {
            // TaskCanceledException without the caller's cancellation is HttpClient's timeout.
            failure = exception is TaskCanceledException ? "timeout" : "unreadable or unreachable";
            cause = exception;
        }

        _state = state with { LastAttempt = now, LastFailure = failure };
        if (now < state.ExpiresAt)
        {
            return state.Keys;
        }

        var message = $"Firebase certificates could not be fetched or read ({failure}).";
        throw cause is null ? new DependencyUnavailableException(message) : new DependencyUnavailableException(message, cause);
    }

    private static Dictionary<string, SecurityKey> Parse(byte[] json)
    {
        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            using var certificate = X509Certificate2.CreateFromPem(property.Value.GetString());
            keys[property.Name] = new RsaSecurityKey(certificate.GetRSAPublicKey()) { KeyId = property.Name };
        }

        return keys;
    }

    private sealed record CacheState(IReadOnlyDictionary<string, SecurityKey> Keys, DateTimeOffset ExpiresAt, DateTimeOffset? LastAttempt, string? LastFailure)
    {
        public static readonly CacheState Empty = new(new Dictionary<string, SecurityKey>(StringComparer.Ordinal), DateTimeOffset.MinValue, null, null);
    }
}
