using System.Security.Cryptography;

namespace CrmMail.Signing.Tokens;

/// <summary>
/// Envelope encryption: a data key from the <see cref="IKeyWrapper"/> (KMS), its wrapped copy
/// recorded in the <see cref="IWrappedKeyStore"/> under a random 8-byte id before any token
/// uses it. A token carries only the id (a KMS ciphertext blob is ~180 bytes, too long for a
/// List-Unsubscribe header); opening finds the wrapped copy by id and unwraps it.
/// </summary>
public sealed class EnvelopeDataKeyProvider(IKeyWrapper wrapper, IWrappedKeyStore store, TimeProvider timeProvider, TokenOptions options) : IDataKeyProvider
{
    /// <inheritdoc />
    public async Task<DataKey> CreateAsync(TokenPurpose purpose, CancellationToken cancellationToken)
    {
        var id = RandomNumberGenerator.GetBytes(DataKey.IdLength);
        var idHex = Convert.ToHexStringLower(id);
        var (plaintext, wrapped) = await wrapper.GenerateAsync(purpose, idHex, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        await store.PutAsync(new WrappedDataKey(idHex, purpose, wrapped, now, now + options.DataKeyRetention), cancellationToken).ConfigureAwait(false);
        return new DataKey(id, purpose, plaintext, now);
    }

    /// <inheritdoc />
    public async Task<DataKey?> FindAsync(byte[] id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var idHex = Convert.ToHexStringLower(id);
        var stored = await store.GetAsync(idHex, cancellationToken).ConfigureAwait(false);
        if (stored is null || !Enum.IsDefined(stored.Purpose))
        {
            return null;
        }

        var plaintext = await wrapper.UnwrapAsync(stored.Wrapped, stored.Purpose, idHex, cancellationToken).ConfigureAwait(false);
        return plaintext is { Length: 32 } ? new DataKey(id, stored.Purpose, plaintext, stored.CreatedAt) : null;
    }
}
