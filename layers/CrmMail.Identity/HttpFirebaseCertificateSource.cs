using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CrmMail.Signing;
using Microsoft.IdentityModel.Tokens;

namespace CrmMail.Identity;

/// <summary>
/// Fetches <c>FIREBASE_CERTS_URL</c> (a JSON map kid → PEM certificate) and caches the keys
/// until the response's Cache-Control max-age, as FirebaseAdmin's HttpPublicKeySource does.
/// A forced refresh happens at most once a minute, so forged kids cannot hammer Google.
/// </summary>
public sealed class HttpFirebaseCertificateSource(HttpClient http, Uri certificatesUrl, TimeProvider timeProvider) : IFirebaseCertificateSource
{
    /// <summary>Google's published certificates for Firebase ID tokens.</summary>
    public static readonly Uri DefaultUrl = new("https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com");

    private static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, SecurityKey> _keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, SecurityKey>> GetKeysAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (now < _expiresAt && (!forceRefresh || now - _fetchedAt < MinRefreshInterval))
        {
            return _keys;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            now = timeProvider.GetUtcNow();
            if (now < _expiresAt && (!forceRefresh || now - _fetchedAt < MinRefreshInterval))
            {
                return _keys;
            }

            using var response = await http.GetAsync(certificatesUrl, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new DependencyUnavailableException($"Firebase certificates: HTTP {(int)response.StatusCode}.");
            }

            var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
            using (var document = JsonDocument.Parse(json))
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    using var certificate = X509Certificate2.CreateFromPem(property.Value.GetString());
                    keys[property.Name] = new RsaSecurityKey(certificate.GetRSAPublicKey()) { KeyId = property.Name };
                }
            }

            _keys = keys;
            _fetchedAt = now;
            _expiresAt = now + (response.Headers.CacheControl?.MaxAge ?? TimeSpan.Zero);
            return keys;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or System.Security.Cryptography.CryptographicException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException("Firebase certificates could not be fetched or read.", exception);
        }
        finally
        {
            _gate.Release();
        }
    }
}
