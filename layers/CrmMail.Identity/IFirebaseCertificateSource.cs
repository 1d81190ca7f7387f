using Microsoft.IdentityModel.Tokens;

namespace CrmMail.Identity;

/// <summary>Google's current token-signing keys by kid.</summary>
public interface IFirebaseCertificateSource
{
    /// <summary>The keys; <paramref name="forceRefresh"/> re-fetches (an unknown kid may mean a rotation).</summary>
    Task<IReadOnlyDictionary<string, SecurityKey>> GetKeysAsync(bool forceRefresh, CancellationToken cancellationToken);
}
