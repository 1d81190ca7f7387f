using System.Text.Json.Serialization;

namespace CrmMail.Lambda.APIGatewayEvents;

/// <summary>The caller of a REST proxy request (official name: RequestIdentity).</summary>
public sealed class APIGatewayRequestIdentity
{
    /// <summary>The client's address as API Gateway saw it.</summary>
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    /// <summary>The User-Agent header.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary>The API key used, when the method requires one.</summary>
    [JsonPropertyName("apiKey")]
    public string? ApiKey { get; init; }

    /// <summary>The API key's id.</summary>
    [JsonPropertyName("apiKeyId")]
    public string? ApiKeyId { get; init; }

    /// <summary>The caller's account.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    /// <summary>The caller principal.</summary>
    [JsonPropertyName("caller")]
    public string? Caller { get; init; }

    /// <summary>The access key, for IAM-authorised calls.</summary>
    [JsonPropertyName("accessKey")]
    public string? AccessKey { get; init; }

    /// <summary>The user.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>The user ARN.</summary>
    [JsonPropertyName("userArn")]
    public string? UserArn { get; init; }

    /// <summary>Cognito identity id.</summary>
    [JsonPropertyName("cognitoIdentityId")]
    public string? CognitoIdentityId { get; init; }

    /// <summary>Cognito identity pool id.</summary>
    [JsonPropertyName("cognitoIdentityPoolId")]
    public string? CognitoIdentityPoolId { get; init; }

    /// <summary>Cognito authentication type.</summary>
    [JsonPropertyName("cognitoAuthenticationType")]
    public string? CognitoAuthenticationType { get; init; }

    /// <summary>Cognito authentication provider.</summary>
    [JsonPropertyName("cognitoAuthenticationProvider")]
    public string? CognitoAuthenticationProvider { get; init; }

    /// <summary>The client certificate, for mutual TLS.</summary>
    [JsonPropertyName("clientCert")]
    public APIGatewayClientCertificate? ClientCert { get; init; }
}
