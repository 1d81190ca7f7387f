namespace CrmMail.SignedDelivery.Tests;

public sealed class PrivateKeySecretTests
{
    private const string Pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexample\n-----END PUBLIC KEY-----\n";

    // Rule: a team's own key: its public keys in CloudFront and in one key group, and an empty secret (to fill) that is retained.
    [Fact]
    public void Keys_BroughtByTheTeam_AreRegisteredGroupedAndGetAnEmptySecret()
    {
        var template = Synth.Template(stack => _ = new PrivateKeySecret(stack, "Keys", new PrivateKeySecretProps { PublicKeys = [new TrustedPublicKey("2026-11", Pem), new TrustedPublicKey("2027-05", Pem)] }));

        var keys = template.OfType("AWS::CloudFront::PublicKey").ToArray();
        Assert.Equal(2, keys.Length);
        Assert.All(keys, k => Assert.Equal(Pem, k.Resource.Props().GetProperty("PublicKeyConfig").GetProperty("EncodedKey").GetString()));
        var items = template.OfType("AWS::CloudFront::KeyGroup").Single().Resource.Props().GetProperty("KeyGroupConfig").GetProperty("Items").GetRawText();
        Assert.All(keys, k => Assert.Contains(k.Id, items, StringComparison.Ordinal));
        var secret = template.OfType("AWS::SecretsManager::Secret").Single().Resource;
        Assert.Equal("Retain", secret.GetProperty("DeletionPolicy").GetString());
        Assert.False(secret.Props().TryGetProperty("SecretString", out _));
    }

    // Rule: an existing secret is imported, not created; more than 5 keys (CloudFront's limit) is refused at synth.
    [Fact]
    public void Keys_ExistingSecretOrTooManyKeys_ImportsOrRefuses()
    {
        var template = Synth.Template(stack => _ = new PrivateKeySecret(stack, "Keys", new PrivateKeySecretProps { PublicKeys = [new TrustedPublicKey("a", Pem)], ExistingSecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cf-key-AbCdEf" }));

        Assert.Empty(template.OfType("AWS::SecretsManager::Secret"));
        Assert.Throws<ArgumentException>(() => Synth.Template(stack => _ = new PrivateKeySecret(stack, "Keys", new PrivateKeySecretProps { PublicKeys = Enumerable.Range(0, 6).Select(i => new TrustedPublicKey("k" + i, Pem)).ToArray() })));
    }
}
