using CrmMail.Kernel;

namespace CrmMail.Signing.Tokens;

/// <summary>
/// Where data keys come from and how they are found again (envelope encryption). The real
/// provider asks KMS for a data key and records the wrapped copy under its id; finding it
/// again unwraps that copy with KMS. Transient failures throw
/// <see cref="DependencyUnavailableException"/>.
/// </summary>
public interface IDataKeyProvider
{
    /// <summary>A fresh data key for <paramref name="purpose"/>, already recorded so it can be found by id.</summary>
    Task<DataKey> CreateAsync(TokenPurpose purpose, CancellationToken cancellationToken);

    /// <summary>The data key with this id, or null when no such key exists.</summary>
    Task<DataKey?> FindAsync(byte[] id, CancellationToken cancellationToken);
}
