using System.Security.Cryptography;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Identity.Tests;

public sealed class FirebaseTokenVerifierTests : IDisposable
{
    private readonly FirebaseTestIssuer _issuer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _issuer.Dispose();
        _http.Dispose();
    }

    private FirebaseTokenVerifier Create(string project = FirebaseTestIssuer.ProjectId)
        => new(new HttpFirebaseCertificateSource(_http, _issuer.Url, _time), project, _time);

    [Fact]
    public async Task VerifyAsync_GoodToken_GivesTheUser()
    {
        var result = await Create().VerifyAsync(_issuer.Mint(now: _time.GetUtcNow()), default);

        Assert.True(result.IsValid, result.Rejection?.ToString());
        Assert.Equal("uid-123", result.Identity.Uid);
        Assert.Equal("staff@example.com", result.Identity.Email);
    }

    public static TheoryData<string, FirebaseRejection> BadClaims() => new()
    {
        { "aud", FirebaseRejection.WrongAudience },
        { "iss", FirebaseRejection.WrongIssuer },
        { "exp", FirebaseRejection.Expired },
        { "exp-missing", FirebaseRejection.Expired },
        { "iat", FirebaseRejection.IssuedInFuture },
        { "auth_time", FirebaseRejection.AuthTimeInFuture },
        { "auth_time-missing", FirebaseRejection.AuthTimeInFuture },
        { "sub-empty", FirebaseRejection.BadSubject },
        { "sub-long", FirebaseRejection.BadSubject },
        { "email_verified", FirebaseRejection.EmailNotVerified },
        { "email_verified-missing", FirebaseRejection.EmailNotVerified },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task VerifyAsync_EachBadClaim_IsItsOwnRejection(string bend, FirebaseRejection expected)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var token = _issuer.Mint(claims: c =>
        {
            switch (bend)
            {
                case "aud": c["aud"] = "another-project"; break;
                case "iss": c["iss"] = "https://securetoken.google.com/another-project"; break;
                case "exp": c["exp"] = now - 301; break;
                case "exp-missing": c.Remove("exp"); break;
                case "iat": c["iat"] = now + 301; break;
                case "auth_time": c["auth_time"] = now + 301; break;
                case "auth_time-missing": c.Remove("auth_time"); break;
                case "sub-empty": c["sub"] = string.Empty; break;
                case "sub-long": c["sub"] = new string('u', 129); break;
                case "email_verified": c["email_verified"] = false; break;
                case "email_verified-missing": c.Remove("email_verified"); break;
            }
        }, now: _time.GetUtcNow());

        var result = await Create().VerifyAsync(token, default);

        Assert.Equal(expected, result.Rejection);
    }

    [Fact]
    public async Task VerifyAsync_WithinClockSkew_IsAccepted()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var token = _issuer.Mint(c => { c["exp"] = now - 200; c["iat"] = now + 200; c["auth_time"] = now + 200; }, now: _time.GetUtcNow());

        Assert.True((await Create().VerifyAsync(token, default)).IsValid);
    }

    [Fact]
    public async Task VerifyAsync_SignedByAnotherKey_IsBadSignature()
    {
        using var other = RSA.Create(2048);

        var result = await Create().VerifyAsync(_issuer.Mint(signWith: other, now: _time.GetUtcNow()), default);

        Assert.Equal(FirebaseRejection.BadSignature, result.Rejection);
    }

    [Theory]
    [InlineData("HS256", FirebaseRejection.WrongAlgorithm)]
    [InlineData("none", FirebaseRejection.WrongAlgorithm)]
    public async Task VerifyAsync_OtherAlgorithm_IsRefused(string alg, FirebaseRejection expected)
        => Assert.Equal(expected, (await Create().VerifyAsync(_issuer.Mint(header: h => h["alg"] = alg, now: _time.GetUtcNow()), default)).Rejection);

    [Theory]
    [InlineData(null)]
    [InlineData("unknown-kid")]
    public async Task VerifyAsync_MissingOrUnknownKid_IsUnknownKey(string? kid)
    {
        var token = _issuer.Mint(header: h => { if (kid is null) { h.Remove("kid"); } else { h["kid"] = kid; } }, now: _time.GetUtcNow());

        Assert.Equal(FirebaseRejection.UnknownKey, (await Create().VerifyAsync(token, default)).Rejection);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    public async Task VerifyAsync_Malformed_IsRefused(string? token)
        => Assert.Equal(FirebaseRejection.Malformed, (await Create().VerifyAsync(token, default)).Rejection);

    [Fact]
    public async Task Certificates_AreCachedForTheirMaxAgeThenRefetched()
    {
        _issuer.MaxAgeSeconds = 600;
        var sut = Create();

        await sut.VerifyAsync(_issuer.Mint(now: _time.GetUtcNow()), default);
        await sut.VerifyAsync(_issuer.Mint(now: _time.GetUtcNow()), default);
        Assert.Equal(1, _issuer.Requests);

        _time.Advance(TimeSpan.FromSeconds(601));
        await sut.VerifyAsync(_issuer.Mint(now: _time.GetUtcNow()), default);
        Assert.Equal(2, _issuer.Requests);
    }

    [Fact]
    public async Task UnknownKids_RefreshAtMostOncePerMinute()
    {
        var sut = Create();
        await sut.VerifyAsync(_issuer.Mint(now: _time.GetUtcNow()), default);

        for (var i = 0; i < 5; i++)
        {
            await sut.VerifyAsync(_issuer.Mint(header: h => h["kid"] = "forged-" + i, now: _time.GetUtcNow()), default);
        }

        Assert.Equal(1, _issuer.Requests);
    }
}
