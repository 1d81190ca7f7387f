using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Identity.Tests;

/// <summary>
/// Each Firebase claim check at its edge on a fixed, injected clock: the last accepted value and
/// the first refused one, so a check moved by one second or one character is caught.
/// </summary>
public sealed class FirebaseClaimEdgeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly FirebaseTestIssuer _issuer = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _issuer.Dispose();
        _http.Dispose();
    }

    private long NowSeconds => Now.ToUnixTimeSeconds();

    private Task<FirebaseVerification> Verify(Action<Dictionary<string, object?>> claims)
        => new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(_http, _issuer.Url, _time), FirebaseTestIssuer.ProjectId, _time)
            .VerifyAsync(_issuer.Mint(claims, now: Now), default);

    // Rule: exp may lie up to the 5-minute skew in the past (300 s passes, 301 s is expired).
    [Theory]
    [InlineData(-300, null)]
    [InlineData(-301, FirebaseRejection.Expired)]
    public async Task VerifyAsync_ExpAtTheSkewEdge(int offset, FirebaseRejection? expected)
        => Assert.Equal(expected, (await Verify(c => c["exp"] = NowSeconds + offset)).Rejection);

    // Rule: iat and auth_time may lie up to the skew in the future (300 s passes, 301 s is refused).
    [Theory]
    [InlineData("iat", 300, null)]
    [InlineData("iat", 301, FirebaseRejection.IssuedInFuture)]
    [InlineData("auth_time", 300, null)]
    [InlineData("auth_time", 301, FirebaseRejection.AuthTimeInFuture)]
    public async Task VerifyAsync_IssuedAtTheSkewEdge(string claim, int offset, FirebaseRejection? expected)
        => Assert.Equal(expected, (await Verify(c => c[claim] = NowSeconds + offset)).Rejection);

    // Rule: a time claim must be a positive epoch second before year 9999: zero, negative, missing,
    // a string or the year-9999 limit itself are refused as that claim's rejection.
    [Theory]
    [InlineData("exp", 0L, FirebaseRejection.Expired)]
    [InlineData("exp", -5L, FirebaseRejection.Expired)]
    [InlineData("exp", 253402300799L, FirebaseRejection.Expired)]
    [InlineData("iat", 0L, FirebaseRejection.IssuedInFuture)]
    [InlineData("auth_time", 0L, FirebaseRejection.AuthTimeInFuture)]
    public async Task VerifyAsync_TimeClaimOutsideTheEpochRange_IsRefused(string claim, long value, FirebaseRejection expected)
        => Assert.Equal(expected, (await Verify(c => c[claim] = value)).Rejection);

    // Rule: the latest representable exp (one second before the year-9999 limit) is a valid time.
    [Fact]
    public async Task VerifyAsync_ExpJustBeforeTheLimit_IsValid()
        => Assert.True((await Verify(c => c["exp"] = 253402300798L)).IsValid);

    // Rule: a missing iat is refused (Firebase's checklist requires it).
    [Fact]
    public async Task VerifyAsync_MissingIat_IsRefused()
        => Assert.Equal(FirebaseRejection.IssuedInFuture, (await Verify(c => c.Remove("iat"))).Rejection);

    // Rule: sub is 1 to 128 characters: 128 passes, and the identity carries it.
    [Fact]
    public async Task VerifyAsync_SubjectOf128_IsAccepted()
    {
        var result = await Verify(c => c["sub"] = new string('u', 128));

        Assert.True(result.IsValid);
        Assert.Equal(new string('u', 128), result.Identity.Uid);
    }

    // Rule: the audience must be exactly the project, alone: a list holding it and another is refused.
    [Fact]
    public async Task VerifyAsync_AudienceListWithTheProjectAndAnother_IsWrongAudience()
        => Assert.Equal(FirebaseRejection.WrongAudience, (await Verify(c => c["aud"] = new[] { FirebaseTestIssuer.ProjectId, "another" })).Rejection);

    // Rule: the issuer must be Google's securetoken URL of this project, exactly.
    [Theory]
    [InlineData("https://securetoken.google.com/" + FirebaseTestIssuer.ProjectId + "/")]
    [InlineData("http://securetoken.google.com/" + FirebaseTestIssuer.ProjectId)]
    public async Task VerifyAsync_IssuerNearlyRight_IsWrongIssuer(string issuer)
        => Assert.Equal(FirebaseRejection.WrongIssuer, (await Verify(c => c["iss"] = issuer)).Rejection);

    // Rule: a token without an email claim is still valid when verified (the identity has no email).
    [Fact]
    public async Task VerifyAsync_NoEmailClaim_ValidWithoutEmail()
    {
        var result = await Verify(c => c.Remove("email"));

        Assert.True(result.IsValid);
        Assert.Null(result.Identity.Email);
    }

    // Rule: a token of more than 8192 characters is refused before any parsing or key fetch,
    // even when it is otherwise valid; one of exactly 8192 is verified.
    [Fact]
    public async Task VerifyAsync_TokenOf8192And8193Characters_OnlyThe8192IsVerified()
    {
        string? exact = null;
        string? over = null;
        for (var pad = 5000; pad < 7000 && (exact is null || over is null); pad++)
        {
            var token = _issuer.Mint(c => c["pad"] = new string('p', pad), now: Now);
            exact ??= token.Length == 8192 ? token : null;
            over ??= token.Length == 8193 ? token : null;
        }

        var verifier = new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(_http, _issuer.Url, _time), FirebaseTestIssuer.ProjectId, _time);
        Assert.True((await verifier.VerifyAsync(exact, default)).IsValid);
        var requests = _issuer.Requests;
        Assert.Equal(FirebaseRejection.Malformed, (await verifier.VerifyAsync(over, default)).Rejection);
        Assert.Equal(requests, _issuer.Requests);
    }

    // Rule: a token without a kid is refused before any certificate fetch (it cannot name a key, so it must not cost a fetch).
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task VerifyAsync_NoKid_RefusedWithoutAFetch(string? kid)
    {
        var token = _issuer.Mint(header: h => { if (kid is null) { h.Remove("kid"); } else { h["kid"] = kid; } }, now: Now);
        var verifier = new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(_http, _issuer.Url, _time), FirebaseTestIssuer.ProjectId, _time);

        Assert.Equal(FirebaseRejection.UnknownKey, (await verifier.VerifyAsync(token, default)).Rejection);
        Assert.Equal(0, _issuer.Requests);
    }

    // Rule: a token must have exactly three parts: four (JWE-like) or a trailing dot are malformed.
    [Fact]
    public async Task VerifyAsync_FourParts_IsMalformed()
    {
        var token = _issuer.Mint(now: Now);
        var verifier = new FirebaseTokenVerifier(new HttpFirebaseCertificateSource(_http, _issuer.Url, _time), FirebaseTestIssuer.ProjectId, _time);

        Assert.Equal(FirebaseRejection.Malformed, (await verifier.VerifyAsync(token + ".", default)).Rejection);
        Assert.Equal(FirebaseRejection.Malformed, (await verifier.VerifyAsync(token + ".x", default)).Rejection);
        Assert.Equal(0, _issuer.Requests);
    }
}
