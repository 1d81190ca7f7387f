using System.Text.Json.Serialization;

namespace CrmMail.Lambda.APIGatewayEvents;

/// <summary>
/// The response of a REST proxy integration. Exactly these five properties: anything else
/// makes API Gateway answer 502.
/// </summary>
public sealed class APIGatewayProxyResponse
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; init; }

    /// <summary>Single-value headers.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; init; }

    /// <summary>Multi-value headers (merged with <see cref="Headers"/> by API Gateway).</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; init; }

    /// <summary>The body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
