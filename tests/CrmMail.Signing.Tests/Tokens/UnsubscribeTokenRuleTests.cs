using System.Buffers.Text;
using System.Security.Cryptography;
using CrmMail.Signing.Tokens;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Signing.Tests.Tokens;

/// <summary>
/// The token rules a mutation run showed unguarded (issue 20): nonce freshness, canonical
/// encoding only, the clock-skew and age windows at their edges, purpose binding to the key.
/// </summary>
public class UnsubscribeTokenRuleTests
{
    private const int NonceOffset = 1 + DataKey.IdLength;
    private const int NonceLength = 12;
    private const int HeaderLength = NonceOffset + NonceLength;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryWrappedKeyStore _store = new();
    private readonly CountingKeyWrapper _wrapper = new(new LocalKeyWrapper(RandomNumberGenerator.GetBytes(32)));

    private UnsubscribeTokenService Create(TokenOptions? options = null)
    {
        options ??= TokenOptions.Default;
        return new UnsubscribeTokenService(new EnvelopeDataKeyProvider(_wrapper, _store, _time, options), _time, options);
    }

    // Rule: every token gets a fresh random GCM nonce; a reused nonce under one key leaks the XOR of addresses and the GHASH key.
    [Fact]
    public async Task SealAsync_SameInputTwiceUnderOneKey_UsesDifferentNoncesAndCiphertexts()
    {
        var sut = Create();

        var first = Base64Url.DecodeFromChars(await sut.SealAsync("payee@example.com", "financial", TokenPurpose.Unsubscribe, default));
        var second = Base64Url.DecodeFromChars(await sut.SealAsync("payee@example.com", "financial", TokenPurpose.Unsubscribe, default));

        Assert.Equal(1, _wrapper.GenerateCalls);
        Assert.Equal(first.AsSpan(1, DataKey.IdLength).ToArray(), second.AsSpan(1, DataKey.IdLength).ToArray());
        Assert.NotEqual(first.AsSpan(NonceOffset, NonceLength).ToArray(), second.AsSpan(NonceOffset, NonceLength).ToArray());
        Assert.NotEqual(first.AsSpan(HeaderLength).ToArray(), second.AsSpan(HeaderLength).ToArray());
    }

    // Rule: across many seals under one key no nonce repeats and none is all zeros (the nonce comes from the RNG, not a constant or counter start).
    [Fact]
    public async Task SealAsync_ThousandSealsUnderOneKey_NeverRepeatANonce()
    {
        var sut = Create();
        var nonces = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 1000; i++)
        {
            var bytes = Base64Url.DecodeFromChars(await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default));
            var nonce = bytes.AsSpan(NonceOffset, NonceLength);
            Assert.True(nonce.ContainsAnyExcept((byte)0), "an all-zero nonce");
            Assert.True(nonces.Add(Convert.ToHexString(nonce)), "a repeated nonce");
        }

        Assert.Equal(1, _wrapper.GenerateCalls);
    }

    // Rule: only the canonical base64url string opens a token; padded, whitespace-split, '+' '/' and non-zero-trailing-bit spellings of the same bytes are Malformed.
    [Fact]
    public async Task OpenAsync_NonCanonicalSpellingsOfAValidToken_AreMalformed()
    {
        var sut = Create();
        // 16-byte address + 9-byte topic: 68 bytes, 68 % 3 == 2, so the last character carries two unused bits.
        var token = await sut.SealAsync("payee@example.co", "financial", TokenPurpose.Unsubscribe, default);
        var bytes = Base64Url.DecodeFromChars(token);
        Assert.Equal(2, bytes.Length % 3);
        Assert.True((await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).IsValid);

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var last = alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        Assert.Equal(0, last & 0b11);
        var trailingBits = token[..^1] + alphabet[last | 0b01];
        // The padded and whitespace-split spellings really decode to the same bytes: only the canonical check refuses them.
        Assert.Equal(bytes, Base64Url.DecodeFromChars(token + "="));
        Assert.Equal(bytes, Base64Url.DecodeFromChars(token[..20] + " " + token[20..]));

        // The standard alphabet's '+' and '/' for '-' and '_' (skipped when the token happens to contain neither).
        var standardAlphabet = token.Replace('-', '+').Replace('_', '/');

        string[] spellings = [trailingBits, token + "=", token + "==", token[..20] + " " + token[20..], token[..20] + "\n" + token[20..], standardAlphabet];
        foreach (var spelling in spellings.Where(s => s != token))
        {
            var result = await sut.OpenAsync(spelling, TokenPurpose.Unsubscribe, default);
            Assert.False(result.IsValid, spelling);
            Assert.Equal(TokenRejection.Malformed, result.Rejection);
        }
    }

    // Rule: a token issued more than the 5-minute skew in the future is NotYetValid; within the skew it opens.
    [Theory]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(86_400, false)]
    public async Task OpenAsync_IssuedInTheFuture_IsNotYetValidBeyondTheSkew(int secondsAhead, bool valid)
    {
        var sut = Create();
        var token = await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default);
        var reader = new UnsubscribeTokenService(new EnvelopeDataKeyProvider(_wrapper, _store, _time, TokenOptions.Default), new FakeTimeProvider(_time.GetUtcNow() - TimeSpan.FromSeconds(secondsAhead)), TokenOptions.Default);

        var result = await reader.OpenAsync(token, TokenPurpose.Unsubscribe, default);

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? null : TokenRejection.NotYetValid, result.Rejection);
    }

    // Rule: a token is valid up to and including exactly its maximum age, and expired one second later.
    [Theory]
    [InlineData(TokenPurpose.Unsubscribe, 30)]
    [InlineData(TokenPurpose.Resubscribe, 7)]
    public async Task OpenAsync_AtExactlyTheMaximumAge_IsValidAndOneSecondLaterExpired(TokenPurpose purpose, int days)
    {
        var sut = Create();
        var token = await sut.SealAsync("a@example.com", "financial", purpose, default);

        _time.Advance(TimeSpan.FromDays(days));
        Assert.True((await sut.OpenAsync(token, purpose, default)).IsValid);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TokenRejection.Expired, (await sut.OpenAsync(token, purpose, default)).Rejection);
    }

    // Rule: the issue time is sealed from the injected clock, whole seconds.
    [Fact]
    public async Task OpenAsync_Payload_CarriesTheSealingClocksTime()
    {
        var sut = Create();
        _time.Advance(TimeSpan.FromSeconds(12.7));
        var token = await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default);
        _time.Advance(TimeSpan.FromDays(3));

        var payload = (await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).Payload!;

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 12, TimeSpan.Zero), payload.IssuedAt);
    }

    // Rule: a token whose sealed purpose differs from its data key's purpose is refused (a resubscribe key cannot mint unsubscribe tokens).
    [Fact]
    public async Task OpenAsync_PurposeByteDisagreesWithTheKeysPurpose_IsMalformed()
    {
        var sut = Create();
        var token = Base64Url.DecodeFromChars(await sut.SealAsync("a@example.com", "financial", TokenPurpose.Resubscribe, default));
        var key = (await new EnvelopeDataKeyProvider(_wrapper, _store, _time, TokenOptions.Default).FindAsync(token.AsSpan(1, DataKey.IdLength).ToArray(), default))!;

        var forged = Reseal(token, key.Key, plaintext => plaintext[0] = (byte)TokenPurpose.Unsubscribe);

        Assert.Equal(TokenRejection.Malformed, (await sut.OpenAsync(forged, TokenPurpose.Unsubscribe, default)).Rejection);
        Assert.Equal(TokenRejection.Malformed, (await sut.OpenAsync(forged, TokenPurpose.Resubscribe, default)).Rejection);
    }

    // Rule: an authentic token whose topic length is zero or runs into (or past) the address is Malformed, never a payload with an empty topic or address.
    [Theory]
    [InlineData(0)]
    [InlineData(9 + 13)]
    [InlineData(255)]
    public async Task OpenAsync_InconsistentTopicLength_IsMalformed(int topicLength)
    {
        var sut = Create();
        var token = Base64Url.DecodeFromChars(await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default));
        var key = (await new EnvelopeDataKeyProvider(_wrapper, _store, _time, TokenOptions.Default).FindAsync(token.AsSpan(1, DataKey.IdLength).ToArray(), default))!;

        var forged = Reseal(token, key.Key, plaintext => plaintext[5] = (byte)topicLength);
        var result = await sut.OpenAsync(forged, TokenPurpose.Unsubscribe, default);

        Assert.False(result.IsValid);
        Assert.Equal(TokenRejection.Malformed, result.Rejection);
    }

    // Rule: a topic with a one-character address still opens (the bound is "address not empty", not "address longer than one").
    [Fact]
    public async Task OpenAsync_OneCharacterAddressAndTopic_RoundTrips()
    {
        var sut = Create();
        var token = await sut.SealAsync("a", "t", TokenPurpose.Unsubscribe, default);

        var result = await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default);

        Assert.True(result.IsValid);
        Assert.Equal(("a", "t"), (result.Payload!.Email, result.Payload.Topic));
    }

    // Rule: a token shorter than header + minimal plaintext + tag is Malformed before any key lookup (no KMS call for junk).
    [Fact]
    public async Task OpenAsync_ShorterThanTheMinimum_IsMalformedWithoutAKeyLookup()
    {
        var sut = Create();
        var token = Base64Url.DecodeFromChars(await sut.SealAsync("a", "t", TokenPurpose.Unsubscribe, default));
        var unwrapsBefore = _wrapper.UnwrapCalls;
        var fresh = Create();

        var shortest = await fresh.OpenAsync(Base64Url.EncodeToString(token.AsSpan(0, token.Length - 1)), TokenPurpose.Unsubscribe, default);

        Assert.Equal(TokenRejection.Malformed, shortest.Rejection);
        Assert.Equal(unwrapsBefore, _wrapper.UnwrapCalls);
        Assert.Equal(HeaderLength + 8 + 16, token.Length);
    }

    // Rule: a token over 4096 characters is Malformed without decoding (bounded work per request).
    [Fact]
    public async Task OpenAsync_Over4096Characters_IsMalformed()
    {
        var sut = Create();
        // 43 bytes of overhead + 9-byte topic + address: 3072 bytes encode to exactly 4096 characters.
        var token = await sut.SealAsync(new string('a', 3009) + "@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(4098, token.Length);
        var atLimit = await sut.SealAsync(new string('a', 3008) + "@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(4096, atLimit.Length);

        Assert.Equal(TokenRejection.Malformed, (await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).Rejection);
        Assert.True((await sut.OpenAsync(atLimit, TokenPurpose.Unsubscribe, default)).IsValid);
    }

    // Rule: a topic of exactly 255 UTF-8 bytes seals; 256 is refused.
    [Fact]
    public async Task SealAsync_TopicOf255BytesSealsAnd256IsRefused()
    {
        var sut = Create();

        var token = await sut.SealAsync("a@example.com", new string('t', 255), TokenPurpose.Unsubscribe, default);
        Assert.True((await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).IsValid);
        await Assert.ThrowsAsync<ArgumentException>(() => sut.SealAsync("a@example.com", new string('t', 256), TokenPurpose.Unsubscribe, default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.SealAsync("a@example.com", "financial", (TokenPurpose)7, default));
    }

    // Rule: unsubscribe and resubscribe tokens are sealed under different data keys (purpose separation at the key level).
    [Fact]
    public async Task SealAsync_EachPurpose_UsesItsOwnDataKey()
    {
        var sut = Create();

        var unsubscribe = Base64Url.DecodeFromChars(await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default));
        var resubscribe = Base64Url.DecodeFromChars(await sut.SealAsync("a@example.com", "financial", TokenPurpose.Resubscribe, default));
        var again = Base64Url.DecodeFromChars(await sut.SealAsync("b@example.com", "financial", TokenPurpose.Resubscribe, default));

        Assert.NotEqual(unsubscribe.AsSpan(1, DataKey.IdLength).ToArray(), resubscribe.AsSpan(1, DataKey.IdLength).ToArray());
        Assert.Equal(resubscribe.AsSpan(1, DataKey.IdLength).ToArray(), again.AsSpan(1, DataKey.IdLength).ToArray());
        Assert.Equal(2, _wrapper.GenerateCalls);
    }

    // Rule: the open-side key cache is bounded; after the bound it still answers correctly (the cache is cleared, not trusted blindly).
    [Fact]
    public async Task OpenAsync_MoreKeysThanTheCacheHolds_StillOpensEveryToken()
    {
        var options = new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(6), 1);
        var sealer = Create(options);
        var tokens = new List<string>();
        for (var i = 0; i < 260; i++)
        {
            tokens.Add(await sealer.SealAsync($"u{i}@example.com", "financial", TokenPurpose.Unsubscribe, default));
        }

        var reader = Create(options);
        foreach (var token in tokens)
        {
            Assert.True((await reader.OpenAsync(token, TokenPurpose.Unsubscribe, default)).IsValid);
        }

        Assert.Equal(260, _wrapper.UnwrapCalls);
        Assert.True((await reader.OpenAsync(tokens[^1], TokenPurpose.Unsubscribe, default)).IsValid);
        Assert.Equal(260, _wrapper.UnwrapCalls);
    }

    // Rule: the open-side cache keeps every key it has found (up to its bound), so tokens of a few keys cost one KMS
    // Decrypt per key per container, however they interleave; not one per alternation.
    [Fact]
    public async Task OpenAsync_TokensOfTwoKeysInterleaved_UnwrapsEachKeyOnce()
    {
        var options = new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(6), 1);
        var sealer = Create(options);
        var first = await sealer.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default);
        var second = await sealer.SealAsync("b@example.com", "financial", TokenPurpose.Unsubscribe, default);
        var reader = Create(options);

        foreach (var token in new[] { first, second, first, second, first })
        {
            Assert.True((await reader.OpenAsync(token, TokenPurpose.Unsubscribe, default)).IsValid);
        }

        Assert.Equal(2, _wrapper.UnwrapCalls);
    }

    private static string Reseal(byte[] token, byte[] key, Action<byte[]> change)
    {
        var plaintextLength = token.Length - HeaderLength - 16;
        var plaintext = new byte[plaintextLength];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(token.AsSpan(NonceOffset, NonceLength), token.AsSpan(HeaderLength, plaintextLength), token.AsSpan(HeaderLength + plaintextLength), plaintext, token.AsSpan(0, NonceOffset));
        change(plaintext);
        var forged = (byte[])token.Clone();
        aes.Encrypt(forged.AsSpan(NonceOffset, NonceLength), plaintext, forged.AsSpan(HeaderLength, plaintextLength), forged.AsSpan(HeaderLength + plaintextLength), forged.AsSpan(0, NonceOffset));
        return Base64Url.EncodeToString(forged);
    }
}
