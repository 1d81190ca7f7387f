using CrmMail.Kernel;
using CrmMail.Signing.Tokens;

namespace CrmMail.TestSupport;

/// <summary>A key wrapper that can be switched off (KMS unavailable).</summary>
public sealed class ToggleKeyWrapper(IKeyWrapper inner) : IKeyWrapper
{
    public bool Down { get; set; }

    public Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
        => Down ? throw new DependencyUnavailableException("KMS down") : inner.GenerateAsync(purpose, keyIdHex, cancellationToken);

    public Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
        => Down ? throw new DependencyUnavailableException("KMS down") : inner.UnwrapAsync(wrapped, purpose, keyIdHex, cancellationToken);
}
