using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CrmMail.Lambda.APIGatewayEvents;

namespace CrmMail.Hosting.Responses;

/// <summary>
/// Builds API Gateway proxy responses. Every response is uncacheable and carries nosniff;
/// error bodies are <c>{"error":{"code","message","details"}}</c> and never a stack trace.
/// </summary>
public static class ApiResponses
{
    /// <summary>A JSON body serialized with source-generated metadata.</summary>
    public static APIGatewayProxyResponse Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo)
        => new()
        {
            StatusCode = statusCode,
            Headers = BaseHeaders("application/json; charset=utf-8"),
            Body = JsonSerializer.Serialize(body, typeInfo),
        };

    /// <summary>A body that is already JSON (a stored, replayed response).</summary>
    public static APIGatewayProxyResponse RawJson(int statusCode, string json)
        => new() { StatusCode = statusCode, Headers = BaseHeaders("application/json; charset=utf-8"), Body = json };

    /// <summary>A typed error: a stable machine code, a human message, optional field details.</summary>
    public static APIGatewayProxyResponse Error(int statusCode, string code, string message, IReadOnlyList<ApiErrorDetail>? details = null)
        => Json(statusCode, new ApiErrorBody(new ApiError(code, message, details)), ResponsesJsonContext.Default.ApiErrorBody);

    /// <summary>
    /// A 302 to <paramref name="location"/>. Callers pass only configured, absolute https
    /// targets (never a URL taken from the request), so this cannot become an open redirect.
    /// </summary>
    public static APIGatewayProxyResponse Redirect(Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsAbsoluteUri)
        {
            throw new ArgumentException("A redirect target must be absolute.", nameof(location));
        }

        var headers = BaseHeaders("text/plain; charset=utf-8");
        headers["Location"] = location.AbsoluteUri;
        return new APIGatewayProxyResponse { StatusCode = 302, Headers = headers, Body = string.Empty };
    }

    /// <summary>A plain-text or HTML body.</summary>
    public static APIGatewayProxyResponse Text(int statusCode, string body, string contentType = "text/plain; charset=utf-8")
        => new() { StatusCode = statusCode, Headers = BaseHeaders(contentType), Body = body };

    private static Dictionary<string, string> BaseHeaders(string contentType) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = contentType,
        ["Cache-Control"] = "no-store",
        ["X-Content-Type-Options"] = "nosniff",
    };
}
