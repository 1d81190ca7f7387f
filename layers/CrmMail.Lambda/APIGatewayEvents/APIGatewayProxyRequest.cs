using System.Text.Json.Serialization;

namespace CrmMail.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway REST API proxy integration event (payload 1.0), wire names as API Gateway
/// sends them. Absent maps arrive as JSON null and stay null here.
/// </summary>
public sealed class APIGatewayProxyRequest
{
    /// <summary>The resource path template, e.g. <c>/financial/unsubscribe</c>.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>GET, POST, ...</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; init; }

    /// <summary>Headers; for a repeated header, the last value.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; init; }

    /// <summary>Every header with all its values.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    /// <summary>Query parameters; for a repeated one, the last value.</summary>
    [JsonPropertyName("queryStringParameters")]
    public IDictionary<string, string>? QueryStringParameters { get; init; }

    /// <summary>Every query parameter with all its values.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")]
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; init; }

    /// <summary>Path parameters of the resource template.</summary>
    [JsonPropertyName("pathParameters")]
    public IDictionary<string, string>? PathParameters { get; init; }

    /// <summary>Stage variables.</summary>
    [JsonPropertyName("stageVariables")]
    public IDictionary<string, string>? StageVariables { get; init; }

    /// <summary>Request context: ids, stage, caller identity.</summary>
    [JsonPropertyName("requestContext")]
    public APIGatewayProxyRequestContext? RequestContext { get; init; }

    /// <summary>The body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
