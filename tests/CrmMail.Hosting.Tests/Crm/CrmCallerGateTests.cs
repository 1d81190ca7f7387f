using System.Text.Json;
using CrmMail.Hosting.Crm;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Metrics;
using CrmMail.Kernel;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.APIGatewayEvents;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Hosting.Tests.Crm;

/// <summary>
/// The one caller gate of the CRM's Firebase routes (OutreachSend, OutreachStats): each verdict's
/// status and code, the order of the checks, and that the allowance is spent only by a caller
/// who got through the identity checks.
/// </summary>
public class CrmCallerGateTests
{
    private static readonly RateLimitPolicy Policy = new("test-route", 2, TimeSpan.FromMinutes(1));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 30, TimeSpan.Zero));
    private readonly Counter _counter = new();
    private readonly StringWriter _metrics = new();

    private CrmCallerGate Gate(IdentityCheck verdict, ClaimRequirement? claim = null, Action<string>? seen = null)
        => new(
            new Verifier(verdict, seen),
            claim,
            new FixedWindowRateLimiter(_counter, _time),
            new EmfMetrics(_metrics, _time, "Test"),
            "TestRateLimited",
            new CrmReplies("1.0.0", CorsPolicy.ForCrm(["https://crm.example.com"], "GET, OPTIONS"), _time));

    private static IdentityCheck Verified(string uid = "uid-1", params (string Name, string Value)[] claims)
        => new(IdentityVerdict.Verified, "firebase:" + uid)
        {
            Subject = uid,
            Claims = claims.ToDictionary(c => c.Name, c => (IReadOnlyList<string>)[c.Value], StringComparer.Ordinal),
        };

    private static RequestView Request(string? authorization)
    {
        var headers = new Dictionary<string, string> { ["Origin"] = "https://crm.example.com" };
        if (authorization is not null)
        {
            headers["Authorization"] = authorization;
        }

        return new RequestView(new APIGatewayProxyRequest { HttpMethod = "GET", Resource = "/outreach/campaign-stats", Headers = headers });
    }

    private static (string Code, JsonElement Body) Refusal(CrmGateOutcome outcome, int status)
    {
        Assert.False(outcome.Passed);
        Assert.Equal(status, outcome.Refusal.StatusCode);
        var body = JsonDocument.Parse(outcome.Refusal.Body!).RootElement;
        return (body.GetProperty("code").GetString()!, body);
    }

    // Rule: no Authorization header is 401 missing_token with the Bearer challenge (RFC 6750 §3) and the CORS headers, so the page can read it.
    [Fact]
    public async Task PassAsync_NoAuthorization_401MissingTokenWithChallenge()
    {
        var outcome = await Gate(Verified()).PassAsync(Request(null), Policy, CancellationToken.None);

        var (code, body) = Refusal(outcome, 401);
        Assert.Equal("missing_token", code);
        Assert.Equal("Bearer", outcome.Refusal!.Headers!["WWW-Authenticate"]);
        Assert.Equal("https://crm.example.com", outcome.Refusal.Headers["Access-Control-Allow-Origin"]);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal("2026-12-01T10:00:30.000Z", body.GetProperty("timestamp").GetString());
        Assert.False(body.TryGetProperty("details", out _));
    }

    // Rule: anything but "Bearer <token>" is 401 invalid_credentials, and the verifier is never asked.
    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("token-without-scheme")]
    public async Task PassAsync_NotABearerToken_401InvalidCredentials(string authorization)
    {
        var asked = false;
        var outcome = await Gate(Verified(), seen: _ => asked = true).PassAsync(Request(authorization), Policy, CancellationToken.None);

        Assert.Equal("invalid_credentials", Refusal(outcome, 401).Code);
        Assert.False(asked);
    }

    // Rule: the token after the scheme (case-insensitive, trimmed) is what the verifier checks.
    [Fact]
    public async Task PassAsync_BearerAnyCase_VerifierGetsTheTrimmedToken()
    {
        string? token = null;
        var outcome = await Gate(Verified(), seen: t => token = t).PassAsync(Request("bearer   id.token.sig  "), Policy, CancellationToken.None);

        Assert.True(outcome.Passed);
        Assert.Equal("id.token.sig", token);
    }

    // Rule: an invalid token is 401 invalid_token; an unverified email is 403 email_not_verified; neither spends the allowance.
    [Theory]
    [InlineData(IdentityVerdict.Invalid, 401, "invalid_token")]
    [InlineData(IdentityVerdict.EmailNotVerified, 403, "email_not_verified")]
    public async Task PassAsync_RefusedIdentity_StatusAndCodeAndNoCount(IdentityVerdict verdict, int status, string expected)
    {
        var outcome = await Gate(new IdentityCheck(verdict) { Subject = "uid-1" }).PassAsync(Request("Bearer t"), Policy, CancellationToken.None);

        Assert.Equal(expected, Refusal(outcome, status).Code);
        Assert.Empty(_counter.Counts);
    }

    // Rule: the deployment's required claim must be present with its value (403 insufficient_permissions otherwise), checked before counting.
    [Fact]
    public async Task PassAsync_RequiredClaimMissingOrOtherValue_403()
    {
        var claim = new ClaimRequirement("role", "outreach");

        var missing = await Gate(Verified(), claim).PassAsync(Request("Bearer t"), Policy, CancellationToken.None);
        var other = await Gate(Verified("uid-1", ("role", "viewer")), claim).PassAsync(Request("Bearer t"), Policy, CancellationToken.None);
        var met = await Gate(Verified("uid-1", ("role", "outreach")), claim).PassAsync(Request("Bearer t"), Policy, CancellationToken.None);

        Assert.Equal("insufficient_permissions", Refusal(missing, 403).Code);
        Assert.Equal("insufficient_permissions", Refusal(other, 403).Code);
        Assert.True(met.Passed);
        Assert.Single(_counter.Counts);
    }

    // Rule: a caller within the allowance passes with its identity and window; past it, 429 rate_limited with Retry-After
    // (whole seconds to the window's end), the X-RateLimit-* headers and one rate-limited metric point.
    [Fact]
    public async Task PassAsync_PastTheAllowance_429WithRetryAfterHeadersAndMetric()
    {
        var gate = Gate(Verified());

        var first = await gate.PassAsync(Request("Bearer t"), Policy, CancellationToken.None);
        var second = await gate.PassAsync(Request("Bearer t"), Policy, CancellationToken.None);
        Assert.Equal(string.Empty, _metrics.ToString());
        var third = await gate.PassAsync(Request("Bearer t"), Policy, CancellationToken.None);

        Assert.True(first.Passed);
        Assert.Equal("uid-1", first.Identity.Subject);
        Assert.Equal(1, first.Decision.Remaining);
        Assert.True(second.Passed);
        Assert.Equal(0, second.Decision.Remaining);
        Assert.Equal("rate_limited", Refusal(third, 429).Code);
        var headers = third.Refusal!.Headers!;
        Assert.Equal("30", headers["Retry-After"]);
        Assert.Equal("2", headers["X-RateLimit-Limit"]);
        Assert.Equal("0", headers["X-RateLimit-Remaining"]);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 1, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), headers["X-RateLimit-Reset"]);
        Assert.Contains("\"TestRateLimited\"", _metrics.ToString(), StringComparison.Ordinal);
    }

    // Rule: the allowance is per uid: one caller's full window does not refuse another.
    [Fact]
    public async Task PassAsync_OtherUid_HasItsOwnAllowance()
    {
        for (var i = 0; i < 3; i++)
        {
            await Gate(Verified("uid-1")).PassAsync(Request("Bearer t"), Policy, CancellationToken.None);
        }

        Assert.True((await Gate(Verified("uid-2")).PassAsync(Request("Bearer t"), Policy, CancellationToken.None)).Passed);
    }

    // Rule: a counter store that is down never lets the caller through unlimited: the failure reaches the route (which answers 503).
    [Fact]
    public async Task PassAsync_CounterDown_ThrowsDependencyUnavailable()
    {
        _counter.Down = true;

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => Gate(Verified()).PassAsync(Request("Bearer t"), Policy, CancellationToken.None));
    }

    private sealed class Verifier(IdentityCheck verdict, Action<string>? seen) : IIdentityVerifier
    {
        public Task<IdentityCheck> CheckAsync(string bearerToken, CancellationToken cancellationToken)
        {
            seen?.Invoke(bearerToken);
            return Task.FromResult(verdict);
        }
    }

    /// <summary>Counts in memory with the adapter's contract (null past the limit); <see cref="Down"/> is an outage.</summary>
    private sealed class Counter : IRateLimitCounter
    {
        public Dictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public bool Down { get; set; }

        public Task<long?> TryIncrementAsync(string key, long limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new DependencyUnavailableException("test outage");
            }

            var count = Counts.GetValueOrDefault(key);
            if (count >= limit)
            {
                return Task.FromResult<long?>(null);
            }

            Counts[key] = count + 1;
            return Task.FromResult<long?>(count + 1);
        }
    }
}
