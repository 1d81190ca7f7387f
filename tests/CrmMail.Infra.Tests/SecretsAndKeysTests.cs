using System.Text.Json;
using CrmMail.Aws.Iam;
using CrmMail.Settings;

namespace CrmMail.Infra.Tests;

/// <summary>Secrets reach only the functions that read them, encrypted with the stack's key; token keys open only for their purpose.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class SecretsAndKeysTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    // Rule: PII_HASH_KEY is never a plain environment variable; every function names its secret and reads it at init.
    [Fact]
    public void PiiHashKey_IsReadFromItsSecretNotTheEnvironment()
    {
        var piiSecret = _template.OfType("AWS::SecretsManager::Secret").Single(s => s.Id.StartsWith("StatePiiHashKey", StringComparison.Ordinal)).Id;
        foreach (var composition in FunctionCompositions.For(fixture.Settings))
        {
            var environment = _template.Environment(composition.Function);
            Assert.False(environment.ContainsKey("PII_HASH_KEY"), composition.Function + " carries PII_HASH_KEY in its environment");
            if (!Catalogue.For(composition.Function).Contains(Catalogue.PiiHashKeySecret))
            {
                // The gallery keeps no subscription state and hashes no address: it is not given the secret.
                Assert.False(environment.ContainsKey("PII_HASH_KEY_SECRET"), composition.Function + " is given a secret it never reads");
                continue;
            }

            Assert.Equal([piiSecret], TemplateJson.References(environment["PII_HASH_KEY_SECRET"]));
        }

        Assert.DoesNotContain("resolve:secretsmanager", _template.Root.GetRawText(), StringComparison.Ordinal);
    }

    // Rule: each secret's resource policy denies GetSecretValue to every principal but the roles whose compositions read it.
    [Fact]
    public void EachSecret_ResourcePolicyAllowsOnlyItsReaders()
    {
        var policies = _template.OfType("AWS::SecretsManager::ResourcePolicy").ToList();
        foreach (var (id, _) in _template.OfType("AWS::SecretsManager::Secret"))
        {
            var variable = VariableOf(id);
            var readers = FunctionCompositions.For(fixture.Settings)
                .Where(c => c.Uses.Any(u => u.Binding == variable && u.Requirements.Any(r => r.Resource == IamResourceKind.Secret)))
                .Select(c => RoleOf(c.Function))
                .Order(StringComparer.Ordinal)
                .ToList();
            var policy = policies.SingleOrDefault(p => TemplateJson.References(p.Resource.GetProperty("Properties").GetProperty("SecretId")).SequenceEqual([id]));
            Assert.True(policy.Id is not null, id + " has no resource policy");
            var deny = policy.Resource.GetProperty("Properties").GetProperty("ResourcePolicy").GetProperty("Statement").EnumerateArray()
                .Single(s => s.GetProperty("Effect").GetString() == "Deny" && TemplateJson.Strings(s.GetProperty("Action")).Contains("secretsmanager:GetSecretValue"));
            var allowed = deny.TryGetProperty("Condition", out var condition)
                ? TemplateJson.Elements(condition.GetProperty("StringNotEquals").GetProperty("aws:PrincipalArn")).SelectMany(TemplateJson.References).Order(StringComparer.Ordinal).ToList()
                : [];
            Assert.True(readers.SequenceEqual(allowed), $"{id}: readers [{string.Join(", ", readers)}], policy allows [{string.Join(", ", allowed)}]");
        }
    }

    // Rule: every secret is encrypted with a customer-managed key of the stack, not the AWS-managed aws/secretsmanager key.
    [Fact]
    public void EachSecret_IsEncryptedWithTheStacksKey()
    {
        foreach (var (id, secret) in _template.OfType("AWS::SecretsManager::Secret"))
        {
            Assert.True(secret.GetProperty("Properties").TryGetProperty("KmsKeyId", out var key), id + " uses the AWS-managed key");
            var keyId = Assert.Single(TemplateJson.References(key));
            Assert.Equal("AWS::KMS::Key", _template.Root.GetProperty("Resources").GetProperty(keyId).GetProperty("Type").GetString());
        }
    }

    // Rule: every grant on the token key carries the encryption-context purpose its function uses (unsubscribe, resubscribe), and only those.
    [Fact]
    public void TokenKeyGrants_CarryTheEncryptionContextPurpose()
    {
        var tokenKey = TemplateJson.References(_template.Environment("SendMail")["UNSUBSCRIBE_KMS_KEY_ID"]).Single();
        foreach (var composition in FunctionCompositions.For(fixture.Settings))
        {
            var expected = composition.Uses.Where(u => u.Requirements.Any(r => r.Resource == IamResourceKind.KmsKey))
                .SelectMany(u => u.Requirements.Select(r => r.Action + "/" + u.KmsPurpose)).Order(StringComparer.Ordinal).ToList();
            var granted = _template.Statements(composition.Function)
                .Where(s => TemplateJson.Elements(s.GetProperty("Resource")).Any(r => TemplateJson.References(r).Contains(tokenKey)))
                .SelectMany(s => TemplateJson.Strings(s.GetProperty("Action")).Select(a => a + "/" + Purpose(s)))
                .Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(granted), $"{composition.Function}: expected [{string.Join(", ", expected)}] granted [{string.Join(", ", granted)}]");
        }
    }

    private static string? Purpose(JsonElement statement)
        => statement.TryGetProperty("Condition", out var condition) && condition.TryGetProperty("StringEquals", out var equals) && equals.TryGetProperty("kms:EncryptionContext:purpose", out var purpose)
            ? purpose.GetString()
            : null;

    /// <summary>The variable through which functions name a secret (from any function's environment that refers to it).</summary>
    private string? VariableOf(string secretId)
        => FunctionCompositions.For(fixture.Settings).SelectMany(c => _template.Environment(c.Function))
            .Where(v => v.Key.EndsWith("_SECRET", StringComparison.Ordinal) && TemplateJson.References(v.Value).SequenceEqual([secretId]))
            .Select(v => v.Key).FirstOrDefault() ?? (secretId.StartsWith("MailgunApiKey", StringComparison.Ordinal) ? "MAILGUN_API_KEY_SECRET" : null);

    private string RoleOf(string function)
        => TemplateJson.References(_template.Function(function).Resource.GetProperty("Properties").GetProperty("Role")).Single();
}
