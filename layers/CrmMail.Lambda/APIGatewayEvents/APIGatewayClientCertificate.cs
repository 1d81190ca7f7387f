using System.Text.Json.Serialization;

namespace CrmMail.Lambda.APIGatewayEvents;

/// <summary>A client certificate presented over mutual TLS (official name: ProxyRequestClientCert).</summary>
public sealed class APIGatewayClientCertificate
{
    /// <summary>The PEM.</summary>
    [JsonPropertyName("clientCertPem")]
    public string? ClientCertPem { get; init; }

    /// <summary>The subject DN.</summary>
    [JsonPropertyName("subjectDN")]
    public string? SubjectDN { get; init; }

    /// <summary>The issuer DN.</summary>
    [JsonPropertyName("issuerDN")]
    public string? IssuerDN { get; init; }

    /// <summary>The serial number.</summary>
    [JsonPropertyName("serialNumber")]
    public string? SerialNumber { get; init; }

    /// <summary>The validity window.</summary>
    [JsonPropertyName("validity")]
    public APIGatewayClientCertificateValidity? Validity { get; init; }
}
