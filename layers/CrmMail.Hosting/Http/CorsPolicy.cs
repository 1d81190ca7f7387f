using System.Globalization;

namespace CrmMail.Hosting.Http;

/// <summary>
/// The CORS answer of a browser-facing route (CORS_ALLOWED_ORIGINS), one implementation for every
/// function that has one: the <c>Access-Control-*</c> headers for an allowed <c>Origin</c>, none
/// for another (the browser then refuses to hand the response to the page, which is the point).
/// A listed origin is echoed, with <c>Access-Control-Allow-Credentials</c> when the policy allows
/// credentials; <c>*</c> answers any other origin, never with credentials (the Fetch standard
/// forbids a wildcard with credentials, and browsers refuse it). <c>Vary: Origin</c> is always
/// set, so a cache never serves one origin's answer to another.
/// </summary>
public sealed record CorsPolicy
{
    /// <summary>The allowed origins as configured (case-insensitive), or <c>*</c>; empty allows none.</summary>
    public required IReadOnlyList<string> Origins { get; init; }

    /// <summary>The route's methods with the preflight, e.g. <c>POST, OPTIONS</c>.</summary>
    public required string Methods { get; init; }

    /// <summary>The request headers the page may send.</summary>
    public string AllowHeaders { get; init; } = "Authorization, Content-Type";

    /// <summary>Response headers the page may read besides the CORS-safelisted ones, or null.</summary>
    public string? ExposeHeaders { get; init; }

    /// <summary>How long a browser may cache the preflight's answer.</summary>
    public int MaxAgeSeconds { get; init; } = 600;

    /// <summary>Whether a listed origin may send credentials (cookies, the Authorization header with <c>credentials: "include"</c>).</summary>
    public bool AllowCredentials { get; init; }

    /// <summary>
    /// The policy of the CRM's Outreach routes (<paramref name="methods"/>, e.g. <c>GET, OPTIONS</c>):
    /// the CRM sends its Firebase token with credentials (allowCredentials: true), lists these
    /// request headers in its own API Gateway CORS set-up, and reads the rate-limit headers.
    /// </summary>
    public static CorsPolicy ForCrm(IReadOnlyList<string> origins, string methods) => new()
    {
        Origins = origins,
        Methods = methods,
        AllowHeaders = "Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Requested-With",
        ExposeHeaders = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
        MaxAgeSeconds = 86400,
        AllowCredentials = true,
    };

    /// <summary>Adds the CORS headers for a request from <paramref name="origin"/> (its <c>Origin</c> header, or null) to <paramref name="headers"/>.</summary>
    public void Apply(string? origin, IDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers["Vary"] = "Origin";
        if (origin is null || Origins.Count == 0)
        {
            return;
        }

        if (Origins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            headers["Access-Control-Allow-Origin"] = origin;
            if (AllowCredentials)
            {
                headers["Access-Control-Allow-Credentials"] = "true";
            }
        }
        else if (Origins.Contains("*"))
        {
            headers["Access-Control-Allow-Origin"] = "*";
        }
        else
        {
            return;
        }

        headers["Access-Control-Allow-Methods"] = Methods;
        headers["Access-Control-Allow-Headers"] = AllowHeaders;
        if (ExposeHeaders is not null)
        {
            headers["Access-Control-Expose-Headers"] = ExposeHeaders;
        }

        headers["Access-Control-Max-Age"] = MaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
    }
}
