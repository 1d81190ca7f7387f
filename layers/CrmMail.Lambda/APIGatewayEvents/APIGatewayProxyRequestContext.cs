using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmMail.Lambda.APIGatewayEvents;

/// <summary>The <c>requestContext</c> of a REST proxy event (official name: ProxyRequestContext).</summary>
public sealed class APIGatewayProxyRequestContext
{
    /// <summary>The request path including the stage.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The API owner's account.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    /// <summary>The resource id.</summary>
    [JsonPropertyName("resourceId")]
    public string? ResourceId { get; init; }

    /// <summary>The deployment stage.</summary>
    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    /// <summary>API Gateway's request id.</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    /// <summary>The extended request id.</summary>
    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; init; }

    /// <summary>The caller.</summary>
    [JsonPropertyName("identity")]
    public APIGatewayRequestIdentity? Identity { get; init; }

    /// <summary>The resource path template.</summary>
    [JsonPropertyName("resourcePath")]
    public string? ResourcePath { get; init; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; init; }

    /// <summary>The API id.</summary>
    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }

    /// <summary>The protocol, e.g. HTTP/1.1.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    /// <summary>The custom or default domain name.</summary>
    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    /// <summary>The first label of the domain name.</summary>
    [JsonPropertyName("domainPrefix")]
    public string? DomainPrefix { get; init; }

    /// <summary>The request time, CLF-formatted.</summary>
    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; init; }

    /// <summary>The request time, Unix epoch milliseconds.</summary>
    [JsonPropertyName("requestTimeEpoch")]
    public long RequestTimeEpoch { get; init; }

    /// <summary>WebSocket connection id, when any.</summary>
    [JsonPropertyName("connectionId")]
    public string? ConnectionId { get; init; }

    /// <summary>What an authorizer returned, kept as raw JSON (values may be any JSON).</summary>
    [JsonPropertyName("authorizer")]
    public IDictionary<string, JsonElement>? Authorizer { get; init; }
}
