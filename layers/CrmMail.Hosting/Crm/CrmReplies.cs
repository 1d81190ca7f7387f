using System.Globalization;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Responses;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.APIGatewayEvents;

namespace CrmMail.Hosting.Crm;

/// <summary>
/// How a CRM browser route answers (the Outreach send and stats routes): the CRM's ErrorResponse
/// stamped with its API version and the time, <c>WWW-Authenticate: Bearer</c> on a 401 (RFC 6750
/// §3), the route's CORS headers on every answer, and the <c>X-RateLimit-*</c> headers of the
/// caller's window. One implementation, so the routes cannot drift apart.
/// </summary>
public sealed class CrmReplies(string apiVersion, CorsPolicy cors, TimeProvider timeProvider)
{
    /// <summary>The CRM's ErrorResponse with <paramref name="status"/>, with the CORS headers for the request's origin.</summary>
    public APIGatewayProxyResponse Error(RequestView view, int status, string code, string message, IReadOnlyList<ApiErrorDetail>? details = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var response = ApiResponses.Json(status, new CrmErrorReply(false, message, code, details, Now(), apiVersion), ResponsesJsonContext.Default.CrmErrorReply);
        if (status == 401)
        {
            response.Headers!["WWW-Authenticate"] = "Bearer";
        }

        return WithCors(view, response);
    }

    /// <summary>Adds the route's CORS headers for the request's <c>Origin</c> to <paramref name="response"/>.</summary>
    public APIGatewayProxyResponse WithCors(RequestView view, APIGatewayProxyResponse response)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(response);
        cors.Apply(view.Header("Origin"), response.Headers!);
        return response;
    }

    /// <summary>The reply's <c>timestamp</c>: ISO 8601 UTC with milliseconds, as the CRM's API writes it.</summary>
    public string Now() => timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Adds the caller's window (<c>X-RateLimit-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>) to <paramref name="response"/>.</summary>
    public static APIGatewayProxyResponse WithRateLimit(APIGatewayProxyResponse response, RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(decision);
        var headers = response.Headers!;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        // Epoch seconds at which the window ends (GitHub's and the CRM's usage).
        headers["X-RateLimit-Reset"] = decision.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return response;
    }
}
