using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmMail.Infra.Tests;

/// <summary>The README's key rotation runbook, step by step, as synthesized templates.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class KeyRotationTests
{
    private static readonly string OldPem = NewPem();
    private static readonly string NewPemText = NewPem();

    // Rule: every runbook step keeps the keys that stay byte-for-byte (logical id, CallerReference,
    // encoded key): step 1 adds the new key beside the old, step 4 removes the old and the new one is untouched.
    [Fact]
    public void Runbook_AddThenRemove_LeavesTheRemainingKeyUnchanged()
    {
        // Before: only the old key.
        var before = Keys(Synth(("old-2026-11", OldPem)));
        // Step 1: add the new key next to the old one and deploy.
        var both = Keys(Synth(("old-2026-11", OldPem), ("new-2027-01", NewPemText)));
        // Step 4: remove the old key and deploy.
        var after = Keys(Synth(("new-2027-01", NewPemText)));

        var old = Assert.Single(before);
        Assert.Equal(2, both.Count);
        Assert.Equal(old.Value.ToJsonString(), both[old.Key].ToJsonString());
        var remaining = Assert.Single(after);
        Assert.True(both.ContainsKey(remaining.Key), $"the new key changed its logical id at step 4: {remaining.Key}");
        Assert.Equal(both[remaining.Key].ToJsonString(), remaining.Value.ToJsonString());
    }

    // Rule: the key group trusts every listed key at step 1, and the key pair id of each is an output named after the key.
    [Fact]
    public void Runbook_Step1_KeyGroupTrustsBothAndEachHasAnOutput()
    {
        var template = Synth(("old-2026-11", OldPem), ("new-2027-01", NewPemText));
        var group = template.OfType("AWS::CloudFront::KeyGroup").Single().Resource.GetProperty("Properties").GetProperty("KeyGroupConfig").GetProperty("Items");
        Assert.Equal(2, group.GetArrayLength());
        var outputs = template.Root.GetProperty("Outputs");
        Assert.True(outputs.TryGetProperty("KeyPairIdold202611", out _));
        Assert.True(outputs.TryGetProperty("KeyPairIdnew202701", out _));
    }

    // Rule: the private key is never in the template: SendMail reads it from the secret its variable names (step 2 changes only the secret).
    [Fact]
    public void Runbook_Step2_PrivateKeyLivesOnlyInTheSecret()
    {
        var template = Synth(("old-2026-11", OldPem));
        var secret = TemplateJson.References(template.Environment("SendMail")["CLOUDFRONT_PRIVATE_KEY_SECRET"]).Single();
        Assert.Equal("AWS::SecretsManager::Secret", template.Root.GetProperty("Resources").GetProperty(secret).GetProperty("Type").GetString());
        Assert.DoesNotContain("PRIVATE KEY-----", template.Root.GetRawText(), StringComparison.Ordinal);
        Assert.True(template.Root.GetProperty("Outputs").TryGetProperty("SendMailFunctionName", out _), "step 2 recycles SendMail's containers by its name");
    }

    // Rule: a key deployed when ids came from list positions keeps its id through "constructId" (no replacement on upgrade).
    [Fact]
    public void PinnedConstructId_KeepsTheListPositionIdOfAnOlderDeploy()
    {
        var template = Synth(("old-2026-11", OldPem, "PublicKey0"));
        Assert.StartsWith("ReportsPublicKey0", Assert.Single(Keys(template)).Key, StringComparison.Ordinal);
    }

    // Rule: a key group holds 1 to 5 keys and names are unique; a bad file is a one-line error at synth.
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void KeysFile_OutsideOneToFive_FailsSynth(int count)
    {
        var keys = Enumerable.Range(0, count).Select(i => ("k" + i, OldPem, (string?)null)).ToArray();
        var error = Assert.ThrowsAny<Exception>(() => Synth(keys));
        Assert.Contains("1 to 5 public keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysFile_DuplicateNames_FailsSynth()
    {
        var error = Assert.ThrowsAny<Exception>(() => Synth(("same", OldPem), ("same", NewPemText)));
        Assert.Contains("unique", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonObject> Keys(TemplateJson template)
        => template.OfType("AWS::CloudFront::PublicKey").ToDictionary(k => k.Id, k => JsonNode.Parse(k.Resource.GetRawText())!.AsObject());

    private static TemplateJson Synth(params (string Name, string Pem)[] keys)
        => Synth(keys.Select(k => (k.Name, k.Pem, (string?)null)).ToArray());

    private static TemplateJson Synth(params (string Name, string Pem, string? ConstructId)[] keys)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("keys-").FullName, "public-keys.json");
        var entries = new JsonArray(keys.Select(k =>
        {
            var entry = new JsonObject { ["name"] = k.Name, ["publicKeyPem"] = k.Pem };
            if (k.ConstructId is not null)
            {
                entry["constructId"] = k.ConstructId;
            }

            return (JsonNode)entry;
        }).ToArray());
        File.WriteAllText(file, new JsonObject { ["keys"] = entries }.ToJsonString());
        var result = StackFixture.Synthesize(new Dictionary<string, object> { ["cloudFrontPublicKeysFile"] = file });
        return TemplateJson.Load(result.TemplatePath);
    }

    private static string NewPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem() + "\n";
    }
}
