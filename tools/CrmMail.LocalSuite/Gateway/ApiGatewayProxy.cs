using System.Globalization;
using System.Text;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CrmMail.LocalSuite.Gateway;

/// <summary>
/// API Gateway's REST proxy integration, locally: an HTTP request becomes the event API
/// Gateway would send (headers with their last value and every value, query parameters
/// decoded the same way, the stage in requestContext.path only, the caller in
/// requestContext.identity, the body as text or base64 for binary media types), and the
/// function's response becomes the HTTP answer.
/// </summary>
public static class ApiGatewayProxy
{
    /// <summary>API Gateway's payload limit.</summary>
    public const int MaxBodyBytes = 10 * 1024 * 1024;

    /// <summary>The account and API id the local events carry.</summary>
    public const string AccountId = "000000000000";

    /// <summary>The id of the data folder's API key (API Gateway passes a key's id, never its value, as the caller).</summary>
    public const string LocalApiKeyId = "local-key";

    /// <summary>The API id the local events carry.</summary>
    public const string ApiId = "local";

    /// <summary>Builds the proxy event for <paramref name="route"/> from a request whose body is <paramref name="body"/>.</summary>
    public static APIGatewayProxyRequest BuildEvent(HttpRequest request, Route route, string stage, byte[] body, string requestId, DateTimeOffset now, IReadOnlyCollection<string> binaryMediaTypes, string? apiKey, string? apiKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(body);
        var sourceIp = request.HttpContext.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1";
        var traceId = "Root=1-" + now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture) + "-" + requestId.Replace("-", string.Empty, StringComparison.Ordinal)[..24];

        var multiHeaders = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            multiHeaders[name] = [.. values.Where(v => v is not null).Select(v => v!)];
        }

        // What API Gateway adds in front of every integration.
        multiHeaders["X-Forwarded-For"] = [sourceIp];
        multiHeaders["X-Forwarded-Port"] = [(request.HttpContext.Connection.LocalPort).ToString(CultureInfo.InvariantCulture)];
        multiHeaders["X-Forwarded-Proto"] = [request.Scheme];
        multiHeaders["X-Amzn-Trace-Id"] = [traceId];
        var headers = multiHeaders.Where(h => h.Value.Count > 0).ToDictionary(h => h.Key, h => h.Value[^1], StringComparer.Ordinal);

        Dictionary<string, IList<string>>? multiQuery = null;
        if (request.QueryString.HasValue && request.QueryString.Value!.Length > 1)
        {
            multiQuery = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
            foreach (var (name, values) in QueryHelpers.ParseQuery(request.QueryString.Value))
            {
                multiQuery[name] = [.. values.Select(v => v ?? string.Empty)];
            }
        }

        // Path parameters ({spaceId}) as API Gateway passes them: decoded once (routing did), by name, with the
        // request's own path beside the resource template.
        var names = route.Path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]).ToList();
        var pathParameters = names.Count == 0 ? null : names.ToDictionary(n => n, n => request.RouteValues[n]?.ToString() ?? string.Empty, StringComparer.Ordinal);
        var path = names.Count == 0 ? route.Path : route.Path.Split('/').Select(s => s.StartsWith('{') && s.EndsWith('}') ? pathParameters![s[1..^1]] : s).Aggregate((a, b) => a + "/" + b);
        var contentType = request.ContentType;
        var isBinary = body.Length > 0 && contentType is not null && binaryMediaTypes.Any(t => MediaTypeMatches(t, contentType));
        return new APIGatewayProxyRequest
        {
            Resource = route.Path,
            Path = path,
            HttpMethod = request.Method,
            Headers = headers,
            MultiValueHeaders = multiHeaders,
            QueryStringParameters = multiQuery?.ToDictionary(q => q.Key, q => q.Value[^1], StringComparer.Ordinal),
            MultiValueQueryStringParameters = multiQuery,
            PathParameters = pathParameters,
            StageVariables = null,
            Body = body.Length == 0 ? null : isBinary ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body),
            IsBase64Encoded = isBinary,
            RequestContext = new APIGatewayProxyRequestContext
            {
                AccountId = AccountId,
                ApiId = ApiId,
                ResourceId = route.Path.Trim('/').Replace('/', '-'),
                ResourcePath = route.Path,
                HttpMethod = request.Method,
                Path = "/" + stage + path,
                Stage = stage,
                RequestId = requestId,
                ExtendedRequestId = requestId[..8] + "=",
                Protocol = request.Protocol,
                DomainName = request.Host.Value,
                DomainPrefix = request.Host.Host,
                RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
                Identity = new APIGatewayRequestIdentity
                {
                    SourceIp = sourceIp,
                    UserAgent = request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent[^1] : null,
                    ApiKey = apiKey,
                    ApiKeyId = apiKey is null ? null : apiKeyId ?? LocalApiKeyId,
                },
            },
        };
    }

    /// <summary>Writes the function's response as API Gateway would (multi-value headers win over single ones of the same name).</summary>
    public static async Task WriteResponseAsync(HttpResponse response, APIGatewayProxyResponse result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(result);
        response.StatusCode = result.StatusCode;
        foreach (var (name, value) in result.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        foreach (var (name, values) in result.MultiValueHeaders ?? new Dictionary<string, IList<string>>())
        {
            response.Headers[name] = values.ToArray();
        }

        if (!response.Headers.ContainsKey("Content-Type"))
        {
            response.ContentType = "application/json";
        }

        if (!string.IsNullOrEmpty(result.Body))
        {
            var bytes = result.IsBase64Encoded ? Convert.FromBase64String(result.Body) : Encoding.UTF8.GetBytes(result.Body);
            await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>API Gateway's JSON error for a gateway-level refusal (<c>{"message": ...}</c>).</summary>
    public static Task WriteGatewayErrorAsync(HttpResponse response, int status, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = status switch { 403 => "ForbiddenException", 404 => "MissingAuthenticationTokenException", 413 => "RequestTooLargeException", _ => "BadRequestException" };
        return response.WriteAsync("{\"message\":\"" + message + "\"}");
    }

    private static bool MediaTypeMatches(string pattern, string contentType)
    {
        var type = contentType.Split(';')[0].Trim();
        return pattern == "*/*"
            || string.Equals(pattern, type, StringComparison.OrdinalIgnoreCase)
            || (pattern.EndsWith("/*", StringComparison.Ordinal) && type.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase));
    }
}
