using System.Security.Cryptography;
using CrmMail.Signing.Tokens;
using CrmMail.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Signing.Tests.Tokens;

/// <summary>
/// The data-key lifecycle at its edges (issue 20): the option bounds, how long a wrapped key
/// stays findable, the sealing key's age bound, and the envelope's purpose and key-id binding.
/// </summary>
public class KeyLifecycleRuleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryWrappedKeyStore _store = new();
    private readonly LocalKeyWrapper _wrapper = new(RandomNumberGenerator.GetBytes(32));

    // Rule: every lifetime must be positive; zero or negative is refused at construction.
    [Theory]
    [InlineData(0, 7, 6)]
    [InlineData(30, 0, 6)]
    [InlineData(30, 7, 0)]
    [InlineData(-1, 7, 6)]
    [InlineData(30, -1, 6)]
    [InlineData(30, 7, -1)]
    public void TokenOptions_NonPositiveLifetime_IsRefused(int unsubscribeDays, int resubscribeDays, int keyHours)
        => Assert.Throws<ArgumentException>(() => new TokenOptions(TimeSpan.FromDays(unsubscribeDays), TimeSpan.FromDays(resubscribeDays), TimeSpan.FromHours(keyHours), 10));

    // Rule: a data key seals between 1 and 2^32 tokens (NIST's bound for random GCM nonces); both edges are accepted, one beyond is refused.
    [Theory]
    [InlineData(0L, false)]
    [InlineData(1L, true)]
    [InlineData(1L << 32, true)]
    [InlineData((1L << 32) + 1, false)]
    public void TokenOptions_DataKeyMaxUses_IsBetweenOneAndTwoToThe32(long uses, bool accepted)
    {
        var create = () => new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(6), uses);

        if (accepted)
        {
            Assert.Equal(uses, create().DataKeyMaxUses);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(create);
        }
    }

    // Rule: each purpose has its own maximum age (resubscribe tokens are not accepted for the unsubscribe lifetime).
    [Fact]
    public void TokenOptions_MaxAge_IsThePurposesOwn()
    {
        var options = new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(6), 10);

        Assert.Equal(TimeSpan.FromDays(30), options.MaxAge(TokenPurpose.Unsubscribe));
        Assert.Equal(TimeSpan.FromDays(7), options.MaxAge(TokenPurpose.Resubscribe));
    }

    // Rule: a wrapped key stays findable for its sealing window plus the LONGER token life plus a
    // day, whichever purpose lives longer: a key deleted earlier would strand valid tokens.
    [Theory]
    [InlineData(30, 7)]
    [InlineData(2, 9)]
    [InlineData(5, 5)]
    public void TokenOptions_DataKeyRetention_CoversTheLongestTokenLife(int unsubscribeDays, int resubscribeDays)
    {
        var options = new TokenOptions(TimeSpan.FromDays(unsubscribeDays), TimeSpan.FromDays(resubscribeDays), TimeSpan.FromHours(6), 10);

        Assert.Equal(TimeSpan.FromHours(6) + TimeSpan.FromDays(Math.Max(unsubscribeDays, resubscribeDays) + 1), options.DataKeyRetention);
    }

    // Rule: the key registry records a new key at the clock's now, with its purpose, expiring after the retention.
    [Fact]
    public async Task EnvelopeCreateAsync_RecordsTheKeyWithItsPurposeAndRetention()
    {
        var options = new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(6), 10);
        var provider = new EnvelopeDataKeyProvider(_wrapper, _store, _time, options);

        var key = await provider.CreateAsync(TokenPurpose.Resubscribe, default);
        var stored = await _store.GetAsync(key.IdHex, default);

        Assert.NotNull(stored);
        Assert.Equal(TokenPurpose.Resubscribe, stored.Purpose);
        Assert.Equal(_time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(_time.GetUtcNow() + options.DataKeyRetention, stored.ExpiresAt);
        Assert.Equal(_time.GetUtcNow(), key.CreatedAt);
        var found = await provider.FindAsync(key.Id, default);
        Assert.NotNull(found);
        Assert.Equal(key.Key, found.Key);
        Assert.Equal(TokenPurpose.Resubscribe, found.Purpose);
    }

    // Rule: a registry row whose purpose is not one of ours opens nothing (no key, so the token is UnknownKey).
    [Fact]
    public async Task EnvelopeFindAsync_UndefinedPurposeInTheRegistry_IsNoKey()
    {
        var id = RandomNumberGenerator.GetBytes(DataKey.IdLength);
        var idHex = Convert.ToHexStringLower(id);
        var (_, wrapped) = await _wrapper.GenerateAsync((TokenPurpose)7, idHex, default);
        await _store.PutAsync(new WrappedDataKey(idHex, (TokenPurpose)7, wrapped, _time.GetUtcNow(), _time.GetUtcNow().AddDays(30)), default);

        Assert.Null(await new EnvelopeDataKeyProvider(_wrapper, _store, _time, TokenOptions.Default).FindAsync(id, default));
    }

    // Rule: an unwrapped key that is not 32 bytes is no key (never an AES key of another size).
    [Fact]
    public async Task EnvelopeFindAsync_UnwrappedKeyNot32Bytes_IsNoKey()
    {
        var provider = new EnvelopeDataKeyProvider(new ShortKeyWrapper(_wrapper), _store, _time, TokenOptions.Default);
        var key = await new EnvelopeDataKeyProvider(_wrapper, _store, _time, TokenOptions.Default).CreateAsync(TokenPurpose.Unsubscribe, default);

        Assert.Null(await provider.FindAsync(key.Id, default));
    }

    // Rule: a wrapped key opens only under the purpose and key id it was wrapped for (the KMS
    // encryption context), and only at its exact length; the master key is exactly 32 bytes.
    [Fact]
    public async Task LocalKeyWrapper_OtherPurposeOtherIdOrLength_UnwrapsNothing()
    {
        var (plaintext, wrapped) = await _wrapper.GenerateAsync(TokenPurpose.Unsubscribe, "0011223344556677", default);

        Assert.Equal(plaintext, await _wrapper.UnwrapAsync(wrapped, TokenPurpose.Unsubscribe, "0011223344556677", default));
        Assert.Null(await _wrapper.UnwrapAsync(wrapped, TokenPurpose.Resubscribe, "0011223344556677", default));
        Assert.Null(await _wrapper.UnwrapAsync(wrapped, TokenPurpose.Unsubscribe, "0011223344556678", default));
        Assert.Null(await _wrapper.UnwrapAsync([.. wrapped, 0], TokenPurpose.Unsubscribe, "0011223344556677", default));
        Assert.Null(await _wrapper.UnwrapAsync(wrapped[..^1], TokenPurpose.Unsubscribe, "0011223344556677", default));
        Assert.Throws<ArgumentException>(() => new LocalKeyWrapper(new byte[31]));
        Assert.Throws<ArgumentException>(() => new LocalKeyWrapper(new byte[33]));
    }

    // Rule: wrapping draws a fresh random nonce every time: two wraps under one master key never
    // share the first 12 bytes (a repeated AES-GCM nonce would leak both data keys' XOR and let
    // the tag be forged).
    [Fact]
    public async Task LocalKeyWrapper_TwoWraps_NeverShareANonce()
    {
        var nonces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 16; i++)
        {
            var (_, wrapped) = await _wrapper.GenerateAsync(TokenPurpose.Unsubscribe, "0011223344556677", default);
            Assert.True(nonces.Add(Convert.ToHexString(wrapped, 0, 12)));
        }

        Assert.DoesNotContain(new string('0', 24), nonces);
    }

    // Rule: a data key is exactly an 8-byte id and 32 key bytes; either one wrong is refused, never used as an AES key of another size.
    [Theory]
    [InlineData(8, 16)]
    [InlineData(8, 31)]
    [InlineData(7, 32)]
    [InlineData(9, 32)]
    public void DataKey_WrongIdOrKeyLength_IsRefused(int idLength, int keyLength)
        => Assert.Throws<ArgumentException>(() => new DataKey(new byte[idLength], TokenPurpose.Unsubscribe, new byte[keyLength], _time.GetUtcNow()));

    // Rule: a token's timestamp is 32-bit seconds; a clock past 2106-02-07 06:28:15 UTC refuses to
    // seal rather than wrap around to a 1970 timestamp.
    [Fact]
    public async Task SealAsync_ClockPastTheTimestampRange_Refuses()
    {
        var late = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds((long)uint.MaxValue + 1));
        var sut = new UnsubscribeTokenService(new EnvelopeDataKeyProvider(_wrapper, _store, late, TokenOptions.Default), late, TokenOptions.Default);

        await Assert.ThrowsAsync<OverflowException>(() => sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default));
    }

    // Rule: a data key seals strictly before CreatedAt + DataKeyMaxAge; at that instant a new key is made.
    [Fact]
    public async Task SealAsync_AtExactlyTheKeysMaximumAge_RotatesAndOneTickBeforeDoesNot()
    {
        var options = new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(1), 1000);
        var counting = new CountingKeyWrapper(_wrapper);
        var sut = new UnsubscribeTokenService(new EnvelopeDataKeyProvider(counting, _store, _time, options), _time, options);
        await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default);

        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        await sut.SealAsync("b@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(1, counting.GenerateCalls);

        _time.Advance(TimeSpan.FromTicks(1));
        await sut.SealAsync("c@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(2, counting.GenerateCalls);
    }

    // Rule: the use bound counts exactly: a key bounded to N seals N tokens, the N+1st gets a new key.
    [Fact]
    public async Task SealAsync_UseBoundOfOne_GivesEveryTokenItsOwnKey()
    {
        var options = new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(1), 1);
        var counting = new CountingKeyWrapper(_wrapper);
        var sut = new UnsubscribeTokenService(new EnvelopeDataKeyProvider(counting, _store, _time, options), _time, options);

        for (var i = 1; i <= 3; i++)
        {
            await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default);
            Assert.Equal(i, counting.GenerateCalls);
        }
    }

    /// <summary>Unwraps correctly but hands back only 16 bytes.</summary>
    private sealed class ShortKeyWrapper(IKeyWrapper inner) : IKeyWrapper
    {
        public Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
            => inner.GenerateAsync(purpose, keyIdHex, cancellationToken);

        public async Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
            => (await inner.UnwrapAsync(wrapped, purpose, keyIdHex, cancellationToken))?[..16];
    }
}
