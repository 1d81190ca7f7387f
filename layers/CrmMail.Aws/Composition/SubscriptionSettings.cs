using CrmMail.Aws.Http;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Settings;
using CrmMail.Signing.Tokens;

namespace CrmMail.Aws.Composition;

/// <summary>The configuration every subscription-handling function shares, validated once at init.</summary>
public sealed record SubscriptionSettings
{
    /// <summary>The region (<see cref="Catalogue.AwsRegion"/>, set by Lambda).</summary>
    public required string Region { get; init; }

    /// <summary>One endpoint for every AWS call (moto, LocalStack), or null (<see cref="Catalogue.AwsEndpointUrl"/>).</summary>
    public Uri? EndpointOverride { get; init; }

    /// <summary>The contact list (<see cref="Catalogue.SesContactListName"/>).</summary>
    public required string ContactListName { get; init; }

    /// <summary>The token key (<see cref="Catalogue.UnsubscribeKmsKeyId"/>).</summary>
    public required string KmsKeyId { get; init; }

    /// <summary>The data-key registry (<see cref="Catalogue.TokenKeysTable"/>).</summary>
    public required string TokenKeysTable { get; init; }

    /// <summary>The audit table (<see cref="Catalogue.AuditTable"/>).</summary>
    public required string AuditTable { get; init; }

    /// <summary><see cref="Catalogue.ContactLeaseTable"/>: per-contact leases that serialise changes across containers (partition key <c>pk</c>, TTL <c>expiresAt</c>).</summary>
    public required string ContactLeaseTable { get; init; }

    /// <summary>
    /// The address-hash key (<see cref="Catalogue.PiiHashKey"/>, base64, at least 16 bytes): keys the address hash in logs and tags. Deployed
    /// functions get <see cref="Catalogue.PiiHashKeySecret"/> instead and the key is read at init by
    /// <see cref="ResolveSecretsAsync(HttpClient, TimeProvider, CancellationToken)"/>; until then it is empty.
    /// </summary>
    public required byte[] PiiHashKey { get; init; }

    /// <summary>The Secrets Manager secret (id or ARN) holding the key (<see cref="Catalogue.PiiHashKeySecret"/>); null when the key is inline.</summary>
    public string? PiiHashKeySecret { get; init; }

    /// <summary>The metrics namespace (<see cref="Catalogue.MetricsNamespace"/>).</summary>
    public required string MetricsNamespace { get; init; }

    /// <summary>Token lifetimes (<see cref="Catalogue.UnsubscribeTokenMaxAgeDays"/>; resubscribe 7 days).</summary>
    public required TokenOptions Tokens { get; init; }

    /// <summary>Reads and validates the variables (<see cref="Catalogue.Subscriptions"/>); a problem names its variable.</summary>
    public static SubscriptionSettings Load(IEnvironmentVariables environment) => Load(new SettingsReader(environment, Catalogue.Subscriptions));

    /// <summary>Reads and validates the shared variables through a function's own reader (its scope includes <see cref="Catalogue.Subscriptions"/>).</summary>
    public static SubscriptionSettings Load(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var defaults = TokenOptions.Default;
        var secret = reader.Value(Catalogue.PiiHashKeySecret);
        return new SubscriptionSettings
        {
            Region = reader.Value(Catalogue.AwsRegion) ?? reader.Text(Catalogue.AwsDefaultRegion),
            EndpointOverride = reader.Value(Catalogue.AwsEndpointUrl) is { } endpoint ? new Uri(endpoint, UriKind.Absolute) : null,
            ContactListName = reader.Text(Catalogue.SesContactListName),
            KmsKeyId = reader.Text(Catalogue.UnsubscribeKmsKeyId),
            TokenKeysTable = reader.Text(Catalogue.TokenKeysTable),
            AuditTable = reader.Text(Catalogue.AuditTable),
            ContactLeaseTable = reader.Text(Catalogue.ContactLeaseTable),
            // The deployed stack names a secret (never the key itself in the environment); local runs and tests give the key.
            PiiHashKeySecret = secret,
            PiiHashKey = secret is null ? RequiredKey(reader) : [],
            MetricsNamespace = reader.Text(Catalogue.MetricsNamespace),
            Tokens = new TokenOptions(TimeSpan.FromDays(reader.Int(Catalogue.UnsubscribeTokenMaxAgeDays)), defaults.ResubscribeMaxAge, defaults.DataKeyMaxAge, defaults.DataKeyMaxUses),
        };
    }

    /// <summary>Reads the secrets these settings name (<see cref="PiiHashKeySecret"/>) with the container's credentials, once at init.</summary>
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
        // The secret's value obeys the inline key's rule; the message names the secret's variable.
        var name = Catalogue.PiiHashKeySecret.Name;
        var key = new SettingsReader(new SingleVariable(name, value), [Catalogue.PiiHashKey with { Name = name }]).Key(Catalogue.PiiHashKey with { Name = name });
        return this with { PiiHashKey = key };
    }

    private static byte[] RequiredKey(SettingsReader reader)
        => reader.Value(Catalogue.PiiHashKey) is { } key ? Convert.FromBase64String(key) : throw new ConfigurationException($"{Catalogue.PiiHashKey.Name} is not set.");

    /// <summary>One variable, so a secret's value is validated with the same rules (and messages) as the environment.</summary>
    private sealed class SingleVariable(string name, string value) : IEnvironmentVariables
    {
        public string? GetEnvironmentVariable(string variable) => variable == name ? value : null;
    }
}
