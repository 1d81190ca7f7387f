using Amazon.Runtime;
using CrmMail.Aws.Composition;
using CrmMail.Aws.Http;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Settings;
using CrmMail.Tests.Shared;

namespace CrmMail.Aws.Tests.Composition;

public class SubscriptionSettingsSecretTests
{
    private static readonly Dictionary<string, string> Base = new(StringComparer.Ordinal)
    {
        [Catalogue.AwsRegion.Name] = "eu-west-1",
        [Catalogue.SesContactListName.Name] = "dn-contacts",
        [Catalogue.TokenKeysTable.Name] = "keys",
        [Catalogue.AuditTable.Name] = "audit",
        [Catalogue.ContactLeaseTable.Name] = "contact-leases",
    };

    // Rule: a deployed function names PII_HASH_KEY_SECRET, not the key; the key is empty until the secret is read.
    [Fact]
    public void Load_WithSecretName_DefersTheKeyToInit()
    {
        var settings = SubscriptionSettings.Load(new Variables(new(Base) { [Catalogue.PiiHashKeySecret.Name] = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:pii" }));

        Assert.Equal("arn:aws:secretsmanager:eu-west-1:123456789012:secret:pii", settings.PiiHashKeySecret);
        Assert.Empty(settings.PiiHashKey);
    }

    // Rule: without either variable, init fails naming PII_HASH_KEY.
    [Fact]
    public void Load_WithNeitherKeyNorSecret_FailsNamingTheVariable()
    {
        var error = Assert.Throws<ConfigurationException>(() => SubscriptionSettings.Load(new Variables(new(Base))));
        Assert.Contains("PII_HASH_KEY", error.Message, StringComparison.Ordinal);
    }

    // Rule: at init the key is read from Secrets Manager and validated (base64, 16+ bytes) like the variable; a bad value fails init without echoing it.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task ResolveSecretsAsync_AgainstMoto_ReadsAndValidatesTheKey()
    {
        await using var moto = await MotoServer.StartAsync();
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var (code, _, err) = await moto.Boto3Async("secretsmanager", $"c.create_secret(Name='pii', SecretString='{key}'); c.create_secret(Name='short', SecretString='c2hvcnQ=')");
        Assert.True(code == 0, err);
        using var http = new HttpClient();
        var secrets = new SecretsManagerClient(http, MotoServer.Region, moto.Url, new StaticAwsCredentialsSource(new ImmutableCredentials(MotoServer.AccessKey, MotoServer.SecretKey, null)), TimeProvider.System);

        var resolved = await SubscriptionSettings.Load(new Variables(new(Base) { [Catalogue.PiiHashKeySecret.Name] = "pii" })).ResolveSecretsAsync(secrets, default);
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => SubscriptionSettings.Load(new Variables(new(Base) { [Catalogue.PiiHashKeySecret.Name] = "short" })).ResolveSecretsAsync(secrets, default));

        Assert.Equal(Convert.FromBase64String(key), resolved.PiiHashKey);
        Assert.Contains("PII_HASH_KEY_SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ", error.Message, StringComparison.Ordinal);
    }

    private sealed class Variables(Dictionary<string, string> values) : IEnvironmentVariables
    {
        public string? GetEnvironmentVariable(string name) => values.GetValueOrDefault(name);
    }
}
