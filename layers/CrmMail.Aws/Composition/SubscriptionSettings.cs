using CrmMail.Aws.Http;
using CrmMail.Hosting.Configuration;
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

    /// <summary>
    /// PII_HASH_KEY (base64, at least 16 bytes): keys the address hash in logs and tags. Deployed
    /// functions get PII_HASH_KEY_SECRET instead and the key is read at init by
    /// <see cref="ResolveSecretsAsync(HttpClient, TimeProvider, CancellationToken)"/>; until then it is empty.
    /// </summary>
    public required byte[] PiiHashKey { get; init; }

    /// <summary>PII_HASH_KEY_SECRET: the Secrets Manager secret (id or ARN) holding PII_HASH_KEY; null when the key is inline.</summary>
    public string? PiiHashKeySecret { get; init; }

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
            // The deployed stack names a secret (never the key itself in the environment); local runs and tests give the key.
            PiiHashKeySecret = reader.OptionalOrNull("PII_HASH_KEY_SECRET"),
            PiiHashKey = reader.OptionalOrNull("PII_HASH_KEY_SECRET") is null ? reader.Base64Key("PII_HASH_KEY", 16) : [],
            MetricsNamespace = reader.Optional("METRICS_NAMESPACE", "CrmMail"),
            Tokens = new TokenOptions(TimeSpan.FromDays(reader.Int("UNSUBSCRIBE_TOKEN_MAX_AGE_DAYS", 30, 1, 365)), defaults.ResubscribeMaxAge, defaults.DataKeyMaxAge, defaults.DataKeyMaxUses),
        };
    }

    /// <summary>Reads the secrets these settings name (PII_HASH_KEY_SECRET) with the container's credentials, once at init.</summary>
    public Task<SubscriptionSettings> ResolveSecretsAsync(HttpClient http, TimeProvider timeProvider, CancellationToken cancellationToken)
        => PiiHashKeySecret is null
            ? Task.FromResult(this)
            : ResolveSecretsAsync(new SecretsManagerClient(http, Region, EndpointOverride, new DefaultAwsCredentialsSource(), timeProvider), cancellationToken);

    /// <summary>Reads the secrets these settings name through <paramref name="secrets"/>; a missing or malformed key fails init, naming the variable.</summary>
    public async Task<SubscriptionSettings> ResolveSecretsAsync(SecretsManagerClient secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (PiiHashKeySecret is not { } secretId)
        {
            return this;
        }

        var value = (await secrets.GetSecretStringAsync(secretId, cancellationToken).ConfigureAwait(false)).Trim();
        var key = new EnvironmentReader(new SingleVariable("PII_HASH_KEY_SECRET", value)).Base64Key("PII_HASH_KEY_SECRET", 16);
        return this with { PiiHashKey = key };
    }

    /// <summary>One variable, so a secret's value is validated with the same rules (and messages) as the environment.</summary>
    private sealed class SingleVariable(string name, string value) : IEnvironmentVariables
    {
        public string? GetEnvironmentVariable(string variable) => variable == name ? value : null;
    }
}
