using CrmMail.Lambda.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Signing.Tokens;

namespace CrmMail.Aws.Composition;

/// <summary>The configuration every subscription-handling function shares, validated once at init.</summary>
public sealed record SubscriptionSettings
{
    /// <summary>AWS_REGION (set by Lambda).</summary>
    public required string Region { get; init; }

    /// <summary>AWS_ENDPOINT_URL: one endpoint for every AWS call (moto, LocalStack), or null.</summary>
    public Uri? EndpointOverride { get; init; }

    /// <summary>SES_CONTACT_LIST_NAME.</summary>
    public required string ContactListName { get; init; }

    /// <summary>UNSUBSCRIBE_KMS_KEY_ID (default alias/dn-unsubscribe).</summary>
    public required string KmsKeyId { get; init; }

    /// <summary>TOKEN_KEYS_TABLE: the data-key registry.</summary>
    public required string TokenKeysTable { get; init; }

    /// <summary>AUDIT_TABLE.</summary>
    public required string AuditTable { get; init; }

    /// <summary>CONTACT_LEASE_TABLE: per-contact leases that serialise changes across containers (partition key <c>pk</c>, TTL <c>expiresAt</c>).</summary>
    public required string ContactLeaseTable { get; init; }

    /// <summary>PII_HASH_KEY (base64, at least 16 bytes): keys the address hash in logs and tags.</summary>
    public required byte[] PiiHashKey { get; init; }

    /// <summary>METRICS_NAMESPACE (default CrmMail).</summary>
    public required string MetricsNamespace { get; init; }

    /// <summary>Token lifetimes (UNSUBSCRIBE_TOKEN_MAX_AGE_DAYS, default 30; resubscribe 7 days).</summary>
    public required TokenOptions Tokens { get; init; }

    /// <summary>Reads and validates the variables; a problem names its variable.</summary>
    public static SubscriptionSettings Load(IEnvironmentVariables environment)
    {
        var reader = new EnvironmentReader(environment);
        var endpoint = reader.OptionalOrNull("AWS_ENDPOINT_URL");
        var defaults = TokenOptions.Default;
        return new SubscriptionSettings
        {
            Region = reader.Optional("AWS_REGION", reader.Optional("AWS_DEFAULT_REGION", "us-east-1")),
            EndpointOverride = endpoint is null ? null : Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw new ConfigurationException($"AWS_ENDPOINT_URL is not an absolute URL: '{endpoint}'."),
            ContactListName = reader.Required("SES_CONTACT_LIST_NAME"),
            KmsKeyId = reader.Optional("UNSUBSCRIBE_KMS_KEY_ID", "alias/dn-unsubscribe"),
            TokenKeysTable = reader.Required("TOKEN_KEYS_TABLE"),
            AuditTable = reader.Required("AUDIT_TABLE"),
            ContactLeaseTable = reader.Required("CONTACT_LEASE_TABLE"),
            PiiHashKey = reader.Base64Key("PII_HASH_KEY", 16),
            MetricsNamespace = reader.Optional("METRICS_NAMESPACE", "CrmMail"),
            Tokens = new TokenOptions(TimeSpan.FromDays(reader.Int("UNSUBSCRIBE_TOKEN_MAX_AGE_DAYS", 30, 1, 365)), defaults.ResubscribeMaxAge, defaults.DataKeyMaxAge, defaults.DataKeyMaxUses),
        };
    }
}
