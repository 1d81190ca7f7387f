using System.Text.Json.Serialization;

namespace CrmMail.Lambda.APIGatewayEvents;

/// <summary>The validity window of a client certificate, as API Gateway formats it.</summary>
public sealed class APIGatewayClientCertificateValidity
{
    /// <summary>Not valid before.</summary>
    [JsonPropertyName("notBefore")]
    public string? NotBefore { get; init; }

    /// <summary>Not valid after.</summary>
    [JsonPropertyName("notAfter")]
    public string? NotAfter { get; init; }
}
