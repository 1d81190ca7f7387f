using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CrmMail.Signing.Tokens;
using CrmMail.TestSupport;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Signing.Tests.Tokens;

public class UnsubscribeTokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryWrappedKeyStore _store = new();
    private readonly CountingKeyWrapper _wrapper = new(new LocalKeyWrapper(RandomNumberGenerator.GetBytes(32)));

    private UnsubscribeTokenService Create(TokenOptions? options = null)
    {
        options ??= TokenOptions.Default;
        return new UnsubscribeTokenService(new EnvelopeDataKeyProvider(_wrapper, _store, _time, options), _time, options);
    }

    [Fact]
    public async Task OpenAsync_SealedToken_RoundTrips()
    {
        var sut = Create();

        var token = await sut.SealAsync("Payee+1@Example.com", "financial", TokenPurpose.Unsubscribe, default);
        var result = await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default);

        Assert.True(result.IsValid);
        Assert.Equal(new TokenPayload("Payee+1@Example.com", "financial", _time.GetUtcNow(), TokenPurpose.Unsubscribe), result.Payload);
    }

    [Fact]
    public async Task SealAsync_TenThousandTokensInAWarmContainer_MakesOneKmsCall()
    {
        var sut = Create();

        for (var i = 0; i < 10_000; i++)
        {
            await sut.SealAsync($"user{i}@example.com", "outreach", TokenPurpose.Unsubscribe, default);
        }

        Assert.Equal(1, _wrapper.GenerateCalls);
        Assert.Equal(1, _store.Count);
    }

    [Fact]
    public async Task SealAsync_ConcurrentSealersOnAColdContainer_ShareOneDataKey()
    {
        var sut = Create();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => sut.SealAsync($"u{i}@example.com", "financial", TokenPurpose.Unsubscribe, default)));

        Assert.Equal(1, _wrapper.GenerateCalls);
    }

    [Fact]
    public async Task SealAsync_AfterTheKeyAgeOrUseBound_RotatesAndOldTokensStillOpen()
    {
        var sut = Create(new TokenOptions(TimeSpan.FromDays(30), TimeSpan.FromDays(7), TimeSpan.FromHours(1), 3));
        var first = await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default);
        await sut.SealAsync("b@example.com", "financial", TokenPurpose.Unsubscribe, default);
        await sut.SealAsync("c@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(1, _wrapper.GenerateCalls);

        await sut.SealAsync("d@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(2, _wrapper.GenerateCalls);
        _time.Advance(TimeSpan.FromHours(2));
        await sut.SealAsync("e@example.com", "financial", TokenPurpose.Unsubscribe, default);
        Assert.Equal(3, _wrapper.GenerateCalls);

        Assert.True((await sut.OpenAsync(first, TokenPurpose.Unsubscribe, default)).IsValid);
    }

    [Fact]
    public async Task OpenAsync_InAnotherContainer_FindsTheKeyOnceThenCaches()
    {
        var token = await Create().SealAsync("a@example.com", "outreach", TokenPurpose.Unsubscribe, default);
        var sut = Create();

        Assert.True((await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).IsValid);
        Assert.True((await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).IsValid);
        Assert.Equal(1, _wrapper.UnwrapCalls);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(30)]
    public async Task SealAsync_AddressUpTo64Characters_GivesAtMost200Characters(int length)
    {
        var sut = Create();
        var email = new string('a', length - "@example.com".Length) + "@example.com";

        var token = await sut.SealAsync(email, "financial", TokenPurpose.Unsubscribe, default);

        Assert.True(token.Length <= 200, $"{token.Length} characters");
        Assert.Equal(Base64Url.GetEncodedLength(37 + 6 + "financial".Length + length), token.Length);
    }

    [Theory]
    [InlineData(TokenPurpose.Unsubscribe, 30, true)]
    [InlineData(TokenPurpose.Unsubscribe, 31, false)]
    [InlineData(TokenPurpose.Resubscribe, 7, true)]
    [InlineData(TokenPurpose.Resubscribe, 8, false)]
    public async Task OpenAsync_ByAge_ExpiresAfterThePurposesMaximum(TokenPurpose purpose, int days, bool valid)
    {
        var sut = Create();
        var token = await sut.SealAsync("a@example.com", "financial", purpose, default);

        _time.Advance(TimeSpan.FromDays(days));
        var result = await sut.OpenAsync(token, purpose, default);

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? null : TokenRejection.Expired, result.Rejection);
    }

    [Fact]
    public async Task OpenAsync_WrongPurpose_IsRejected()
    {
        var sut = Create();
        var token = await sut.SealAsync("a@example.com", "financial", TokenPurpose.Resubscribe, default);

        Assert.Equal(TokenRejection.WrongPurpose, (await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default)).Rejection);
    }

    [Theory]
    [InlineData(null, TokenRejection.Malformed)]
    [InlineData("", TokenRejection.Malformed)]
    [InlineData("not a token!", TokenRejection.Malformed)]
    [InlineData("AQ", TokenRejection.Malformed)]
    [InlineData("Ag", TokenRejection.UnknownVersion)]
    public async Task OpenAsync_Garbage_IsATypedRejection(string? token, TokenRejection expected)
        => Assert.Equal(expected, (await Create().OpenAsync(token, TokenPurpose.Unsubscribe, default)).Rejection);

    [Fact]
    public async Task OpenAsync_TruncatedOrVersionChanged_IsRejected()
    {
        var sut = Create();
        var bytes = Base64Url.DecodeFromChars(await sut.SealAsync("a@example.com", "financial", TokenPurpose.Unsubscribe, default));
        var versioned = (byte[])bytes.Clone();
        versioned[0] = 2;

        Assert.Equal(TokenRejection.Tampered, (await sut.OpenAsync(Base64Url.EncodeToString(bytes[..^1]), TokenPurpose.Unsubscribe, default)).Rejection);
        Assert.Equal(TokenRejection.Malformed, (await sut.OpenAsync(Base64Url.EncodeToString(bytes[..20]), TokenPurpose.Unsubscribe, default)).Rejection);
        Assert.Equal(TokenRejection.UnknownVersion, (await sut.OpenAsync(Base64Url.EncodeToString(versioned), TokenPurpose.Unsubscribe, default)).Rejection);
    }

    [Fact]
    public async Task OpenAsync_AnySingleByteChange_IsRejected()
    {
        var sut = Create();
        var token = await sut.SealAsync("payee@example.com", "financial", TokenPurpose.Unsubscribe, default);
        var bytes = Base64Url.DecodeFromChars(token);

        await Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Byte[1, 255]).SampleSeededAsync(20261150, 2000, async t =>
        {
            var changed = (byte[])bytes.Clone();
            changed[t.Item1] ^= t.Item2;
            var result = await sut.OpenAsync(Base64Url.EncodeToString(changed), TokenPurpose.Unsubscribe, default);
            return !result.IsValid;
        });
    }

    [Fact]
    public async Task OpenAsync_AnySingleCharacterChange_IsRejected()
    {
        var sut = Create();
        var token = await sut.SealAsync("payee@example.com", "financial", TokenPurpose.Unsubscribe, default);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .";

        await Gen.Select(Gen.Int[0, token.Length - 1], Gen.Int[0, alphabet.Length - 1]).Where(t => token[t.Item1] != alphabet[t.Item2]).SampleSeededAsync(20261151, 2000, async t =>
        {
            var changed = string.Concat(token.AsSpan(0, t.Item1), alphabet.AsSpan(t.Item2, 1), token.AsSpan(t.Item1 + 1));
            return !(await sut.OpenAsync(changed, TokenPurpose.Unsubscribe, default)).IsValid;
        });
    }

    [Fact]
    public async Task SealAndOpen_ArbitraryUnicodeEmailsAndTopics_RoundTrip()
    {
        var sut = Create();
        var codePoint = Gen.Int[1, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32);
        var text = codePoint.Array[1, 40].Select(string.Concat);
        var topic = text.Where(t => Encoding.UTF8.GetByteCount(t) <= 255);

        await Gen.Select(text, topic).SampleSeededAsync(20261152, 1000, async t =>
        {
            var token = await sut.SealAsync(t.Item1, t.Item2, TokenPurpose.Unsubscribe, default);
            var result = await sut.OpenAsync(token, TokenPurpose.Unsubscribe, default);
            return result.IsValid && result.Payload.Email == t.Item1 && result.Payload.Topic == t.Item2;
        });
    }
}
