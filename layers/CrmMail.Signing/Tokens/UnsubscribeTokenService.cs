using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CrmMail.Kernel;

namespace CrmMail.Signing.Tokens;

/// <summary>
/// Seals and opens unsubscribe and resubscribe tokens: AES-256-GCM under a KMS data key that a
/// warm container reuses for a bounded time and count, so a campaign costs O(1) KMS calls.
/// </summary>
/// <remarks>
/// Token v1, base64url without padding:
/// <c>version(1) | keyId(8) | nonce(12) | ciphertext | tag(16)</c>, where the plaintext is
/// <c>purpose(1) | issuedAt(uint32 Unix seconds) | topicLength(1) | topic | email</c> (UTF-8)
/// and the associated data is <c>version | keyId</c>. Overhead 43 bytes plus the topic, so a 64-character
/// address with a 9-character topic makes a 155-character token.
/// </remarks>
public sealed class UnsubscribeTokenService
{
    /// <summary>The format version written by this code.</summary>
    public const byte Version = 1;

    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + DataKey.IdLength + NonceLength;
    private const int MinPlaintextLength = 1 + 4 + 1 + 1 + 1;
    private const int MaxOpenCacheEntries = 256;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly IDataKeyProvider _keys;
    private readonly TimeProvider _timeProvider;
    private readonly TokenOptions _options;
    private readonly SealingKey?[] _sealing = new SealingKey?[3];
    private readonly SemaphoreSlim _sealingGate = new(1, 1);
    private readonly ConcurrentDictionary<string, DataKey> _openCache = new(StringComparer.Ordinal);

    /// <summary>Creates the service.</summary>
    public UnsubscribeTokenService(IDataKeyProvider keys, TimeProvider timeProvider, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>The configured lifetimes.</summary>
    public TokenOptions Options => _options;

    /// <summary>Seals a token for <paramref name="email"/> and <paramref name="topic"/>.</summary>
    /// <exception cref="ArgumentException">Empty email or topic, or a topic over 255 UTF-8 bytes.</exception>
    /// <exception cref="DependencyUnavailableException">KMS or the key registry is unavailable.</exception>
    public async Task<string> SealAsync(string email, string topic, TokenPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }

        var topicBytes = Encoding.UTF8.GetBytes(topic);
        if (topicBytes.Length > byte.MaxValue)
        {
            throw new ArgumentException("A topic is at most 255 UTF-8 bytes.", nameof(topic));
        }

        var emailBytes = Encoding.UTF8.GetBytes(email);
        var key = await SealingKeyAsync(purpose, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();

        var plaintext = new byte[1 + 4 + 1 + topicBytes.Length + emailBytes.Length];
        plaintext[0] = (byte)purpose;
        BinaryPrimitives.WriteUInt32BigEndian(plaintext.AsSpan(1), checked((uint)now.ToUnixTimeSeconds()));
        plaintext[5] = (byte)topicBytes.Length;
        topicBytes.CopyTo(plaintext, 6);
        emailBytes.CopyTo(plaintext, 6 + topicBytes.Length);

        var token = new byte[HeaderLength + plaintext.Length + TagLength];
        token[0] = Version;
        key.Id.CopyTo(token, 1);
        var nonce = token.AsSpan(1 + DataKey.IdLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Key, TagLength))
        {
            aes.Encrypt(nonce, plaintext, token.AsSpan(HeaderLength, plaintext.Length), token.AsSpan(HeaderLength + plaintext.Length), token.AsSpan(0, 1 + DataKey.IdLength));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Opens a token, expecting <paramref name="expected"/>. Bad tokens are rejections, never exceptions.</summary>
    /// <exception cref="DependencyUnavailableException">KMS or the key registry is unavailable (retry later).</exception>
    public async Task<TokenOpenResult> OpenAsync(string? token, TokenPurpose expected, CancellationToken cancellationToken)
    {
        if (!TryDecode(token, out var bytes))
        {
            return TokenOpenResult.Rejected(TokenRejection.Malformed);
        }

        if (bytes[0] != Version)
        {
            return TokenOpenResult.Rejected(TokenRejection.UnknownVersion);
        }

        if (bytes.Length < HeaderLength + MinPlaintextLength + TagLength)
        {
            return TokenOpenResult.Rejected(TokenRejection.Malformed);
        }

        var id = bytes.AsSpan(1, DataKey.IdLength).ToArray();
        var key = await FindKeyAsync(id, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return TokenOpenResult.Rejected(TokenRejection.UnknownKey);
        }

        var plaintextLength = bytes.Length - HeaderLength - TagLength;
        var plaintext = new byte[plaintextLength];
        try
        {
            using var aes = new AesGcm(key.Key, TagLength);
            aes.Decrypt(bytes.AsSpan(1 + DataKey.IdLength, NonceLength), bytes.AsSpan(HeaderLength, plaintextLength), bytes.AsSpan(HeaderLength + plaintextLength), plaintext, bytes.AsSpan(0, 1 + DataKey.IdLength));
        }
        catch (AuthenticationTagMismatchException)
        {
            return TokenOpenResult.Rejected(TokenRejection.Tampered);
        }

        return Interpret(plaintext, key, expected);
    }

    private TokenOpenResult Interpret(byte[] plaintext, DataKey key, TokenPurpose expected)
    {
        var purpose = (TokenPurpose)plaintext[0];
        var topicLength = plaintext[5];
        if (purpose != key.Purpose || 6 + topicLength >= plaintext.Length || topicLength == 0)
        {
            // Authentic but inconsistent: only a bug in a sealer could produce it.
            return TokenOpenResult.Rejected(TokenRejection.Malformed);
        }

        if (purpose != expected)
        {
            return TokenOpenResult.Rejected(TokenRejection.WrongPurpose);
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(plaintext.AsSpan(1)));
        var now = _timeProvider.GetUtcNow();
        if (issuedAt > now + ClockSkew)
        {
            return TokenOpenResult.Rejected(TokenRejection.NotYetValid);
        }

        if (now - issuedAt > _options.MaxAge(purpose))
        {
            return TokenOpenResult.Rejected(TokenRejection.Expired);
        }

        var topic = Encoding.UTF8.GetString(plaintext, 6, topicLength);
        var email = Encoding.UTF8.GetString(plaintext, 6 + topicLength, plaintext.Length - 6 - topicLength);
        return TokenOpenResult.Valid(new TokenPayload(email, topic, issuedAt, purpose));
    }

    private static bool TryDecode(string? token, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(token) || token.Length > 4096 || !Base64Url.IsValid(token))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(token);
        // Only the canonical encoding is accepted, so no two strings open to the same token.
        return bytes.Length > 0 && string.Equals(Base64Url.EncodeToString(bytes), token, StringComparison.Ordinal);
    }

    private async Task<DataKey?> FindKeyAsync(byte[] id, CancellationToken cancellationToken)
    {
        var idHex = Convert.ToHexStringLower(id);
        if (_openCache.TryGetValue(idHex, out var cached))
        {
            return cached;
        }

        var key = await _keys.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            if (_openCache.Count >= MaxOpenCacheEntries)
            {
                // Bounded: a flood of distinct forged ids cannot grow memory; real traffic uses few keys.
                _openCache.Clear();
            }

            _openCache[idHex] = key;
        }

        return key;
    }

    private async Task<DataKey> SealingKeyAsync(TokenPurpose purpose, CancellationToken cancellationToken)
    {
        if (_sealing[(int)purpose]?.TryUse(_timeProvider.GetUtcNow(), _options) is { } key)
        {
            return key;
        }

        // One KMS call at a time: concurrent sealers wait for the new key instead of each creating one.
        await _sealingGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_sealing[(int)purpose]?.TryUse(_timeProvider.GetUtcNow(), _options) is { } fresh)
            {
                return fresh;
            }

            var created = await _keys.CreateAsync(purpose, cancellationToken).ConfigureAwait(false);
            var sealing = new SealingKey(created);
            sealing.TryUse(_timeProvider.GetUtcNow(), _options);
            _sealing[(int)purpose] = sealing;
            _openCache[created.IdHex] = created;
            return created;
        }
        finally
        {
            _sealingGate.Release();
        }
    }

    private sealed class SealingKey(DataKey key)
    {
        private long _uses;

        public DataKey? TryUse(DateTimeOffset now, TokenOptions options)
            => now - key.CreatedAt < options.DataKeyMaxAge && Interlocked.Increment(ref _uses) <= options.DataKeyMaxUses ? key : null;
    }
}
