using CrmMail.Kernel;

namespace CrmMail.Signing.Tokens;

/// <summary>
/// The key-encryption half of envelope encryption: KMS in AWS (GenerateDataKey / Decrypt with
/// an encryption context naming the purpose and key id), a local key file in local runs.
/// Transient failures throw <see cref="DependencyUnavailableException"/>.
/// </summary>
public interface IKeyWrapper
{
    /// <summary>A new 32-byte data key and its wrapped form, bound to <paramref name="purpose"/> and <paramref name="keyIdHex"/>.</summary>
    Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken);

    /// <summary>The plaintext of <paramref name="wrapped"/>, or null when it does not open under this purpose and id.</summary>
    Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken);
}
