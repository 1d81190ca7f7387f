using CrmMail.Hosting.Http;

namespace CrmMail.Hosting.Tests.Http;

/// <summary>The one CORS answer of the browser-facing routes (AddContact, OutreachSend, Gallery).</summary>
public class CorsPolicyTests
{
    private static readonly CorsPolicy Listed = new() { Origins = ["https://crm.example.com"], Methods = "POST, OPTIONS", AllowCredentials = true, ExposeHeaders = "Retry-After", MaxAgeSeconds = 86400 };

    private static Dictionary<string, string> Apply(CorsPolicy policy, string? origin)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        policy.Apply(origin, headers);
        return headers;
    }

    // Rule: a listed origin is echoed (matched case-insensitively) with the policy's methods, headers, exposed headers, max age and credentials.
    [Fact]
    public void Apply_ListedOrigin_EchoesItWithThePolicysHeaders()
    {
        var headers = Apply(Listed, "https://CRM.example.com");

        Assert.Equal("https://CRM.example.com", headers["Access-Control-Allow-Origin"]);
        Assert.Equal("true", headers["Access-Control-Allow-Credentials"]);
        Assert.Equal("POST, OPTIONS", headers["Access-Control-Allow-Methods"]);
        Assert.Equal("Authorization, Content-Type", headers["Access-Control-Allow-Headers"]);
        Assert.Equal("Retry-After", headers["Access-Control-Expose-Headers"]);
        Assert.Equal("86400", headers["Access-Control-Max-Age"]);
        Assert.Equal("Origin", headers["Vary"]);
    }

    // Rule: an origin not listed gets no Access-Control-* header at all (the browser withholds the answer), but Vary: Origin still.
    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("https://crm.example.com.evil.example")]
    [InlineData(null)]
    public void Apply_OtherOrNoOrigin_AddsOnlyVary(string? origin)
    {
        var headers = Apply(Listed, origin);

        Assert.Equal(["Vary"], headers.Keys);
    }

    // Rule: a wildcard answers any origin with "*" and never with credentials, even when the policy allows them for listed origins.
    [Fact]
    public void Apply_Wildcard_AnswersStarWithoutCredentials()
    {
        var headers = Apply(Listed with { Origins = ["*"] }, "https://anyone.example.com");

        Assert.Equal("*", headers["Access-Control-Allow-Origin"]);
        Assert.False(headers.ContainsKey("Access-Control-Allow-Credentials"));
    }

    // Rule: a listed origin beside a wildcard is echoed with credentials (it is trusted by name); the others get "*".
    [Fact]
    public void Apply_ListedBesideWildcard_ListedOriginIsEchoed()
    {
        var policy = Listed with { Origins = ["*", "https://crm.example.com"] };

        Assert.Equal("https://crm.example.com", Apply(policy, "https://crm.example.com")["Access-Control-Allow-Origin"]);
        Assert.Equal("*", Apply(policy, "https://other.example.com")["Access-Control-Allow-Origin"]);
    }

    // Rule: no configured origin allows none; without credentials allowed, a listed origin gets no credentials header.
    [Fact]
    public void Apply_NoOriginsOrNoCredentials_AddsNothingMore()
    {
        Assert.Equal(["Vary"], Apply(Listed with { Origins = [] }, "https://crm.example.com").Keys);
        var headers = Apply(Listed with { AllowCredentials = false, ExposeHeaders = null }, "https://crm.example.com");
        Assert.False(headers.ContainsKey("Access-Control-Allow-Credentials"));
        Assert.False(headers.ContainsKey("Access-Control-Expose-Headers"));
    }

    // Rule: the CRM's browser routes send the Firebase token with credentials and read the rate-limit
    // headers, so their policy allows credentials for a listed origin and exposes Retry-After and X-RateLimit-*.
    [Fact]
    public void ForCrm_ListedOrigin_CredentialsAndRateLimitHeadersExposed()
    {
        var headers = Apply(CorsPolicy.ForCrm(["https://crm.example.com"], "GET, OPTIONS"), "https://crm.example.com");

        Assert.Equal("true", headers["Access-Control-Allow-Credentials"]);
        Assert.Equal("GET, OPTIONS", headers["Access-Control-Allow-Methods"]);
        Assert.Contains("Retry-After", headers["Access-Control-Expose-Headers"], StringComparison.Ordinal);
        Assert.Contains("X-RateLimit-Remaining", headers["Access-Control-Expose-Headers"], StringComparison.Ordinal);
        Assert.Contains("Authorization", headers["Access-Control-Allow-Headers"], StringComparison.Ordinal);
    }
}
