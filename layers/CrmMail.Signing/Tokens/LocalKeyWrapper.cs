using System.Security.Cryptography;
using System.Text;

namespace CrmMail.Signing.Tokens;

/// <summary>
/// The local stand-in for KMS: wraps data keys with AES-256-GCM under a 32-byte master key
/// (a local key file in local runs), with the purpose and key id as associated data, just
/// as KMS binds them through the encryption context.
/// </summary>
public sealed class LocalKeyWrapper : IKeyWrapper
{
    private readonly byte[] _masterKey;

    /// <summary>Creates the wrapper over a 32-byte master key.</summary>
    public LocalKeyWrapper(byte[] masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The local master key is 32 bytes.", nameof(masterKey));
        }

        _masterKey = masterKey;
    }

    /// <inheritdoc />
    public Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
    {
        var plaintext = RandomNumberGenerator.GetBytes(32);
        var wrapped = new byte[12 + 32 + 16];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, 12));
        using var aes = new AesGcm(_masterKey, 16);
        aes.Encrypt(wrapped.AsSpan(0, 12), plaintext, wrapped.AsSpan(12, 32), wrapped.AsSpan(44), Context(purpose, keyIdHex));
        return Task.FromResult((plaintext, wrapped));
    }

    /// <inheritdoc />
    public Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (wrapped.Length != 60)
        {
            return Task.FromResult<byte[]?>(null);
        }

        var plaintext = new byte[32];
        try
        {
            using var aes = new AesGcm(_masterKey, 16);
            aes.Decrypt(wrapped.AsSpan(0, 12), wrapped.AsSpan(12, 32), wrapped.AsSpan(44), plaintext, Context(purpose, keyIdHex));
            return Task.FromResult<byte[]?>(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return Task.FromResult<byte[]?>(null);
        }
    }

    private static byte[] Context(TokenPurpose purpose, string keyIdHex) => Encoding.UTF8.GetBytes($"purpose={purpose.ToString().ToLowerInvariant()};keyId={keyIdHex}");
}
