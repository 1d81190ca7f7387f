using System.Text;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Tests.Shared;

namespace CrmMail.TestSupport;

/// <summary>REST proxy events built from the public sample in ../shared/fixtures/events, changed per test.</summary>
public static class ApiEvents
{
    private static readonly SourceGeneratorLambdaJsonSerializer<LambdaEventsJsonContext> Serializer = new(LambdaEventsJsonContext.Default);

    public static APIGatewayProxyRequest Build(
        string method, string resource, IDictionary<string, string>? query = null, string? body = null,
        IDictionary<string, string>? headers = null, bool base64 = false, string sourceIp = "203.0.113.9", string userAgent = "Mozilla/5.0 (test)")
    {
        using var stream = File.OpenRead(TestPaths.Fixture("events", "apigateway-rest-proxy.powertools-python.json"));
        var sample = Serializer.Deserialize<APIGatewayProxyRequest>(stream);
        var context = sample.RequestContext!;
        var allHeaders = new Dictionary<string, string>(sample.Headers!, StringComparer.Ordinal);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            allHeaders[name] = value;
        }

        return new APIGatewayProxyRequest
        {
            Resource = resource,
            Path = resource,
            HttpMethod = method,
            Headers = allHeaders,
            MultiValueHeaders = allHeaders.ToDictionary(h => h.Key, h => (IList<string>)[h.Value], StringComparer.Ordinal),
            QueryStringParameters = query,
            MultiValueQueryStringParameters = query?.ToDictionary(q => q.Key, q => (IList<string>)[q.Value], StringComparer.Ordinal),
            RequestContext = new APIGatewayProxyRequestContext
            {
                RequestId = Guid.NewGuid().ToString(),
                Stage = "prod",
                ResourcePath = resource,
                HttpMethod = method,
                AccountId = context.AccountId,
                ApiId = context.ApiId,
                Identity = new APIGatewayRequestIdentity { SourceIp = sourceIp, UserAgent = userAgent },
            },
            Body = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
            IsBase64Encoded = base64,
        };
    }

    /// <summary>A copy of <paramref name="request"/> whose body is <paramref name="body"/> as is (e.g. flagged base64 but not base64).</summary>
    public static APIGatewayProxyRequest WithRawBody(APIGatewayProxyRequest request, string body, bool isBase64Encoded) => new()
    {
        Resource = request.Resource,
        Path = request.Path,
        HttpMethod = request.HttpMethod,
        Headers = request.Headers,
        MultiValueHeaders = request.MultiValueHeaders,
        QueryStringParameters = request.QueryStringParameters,
        MultiValueQueryStringParameters = request.MultiValueQueryStringParameters,
        RequestContext = request.RequestContext,
        Body = body,
        IsBase64Encoded = isBase64Encoded,
    };
}
