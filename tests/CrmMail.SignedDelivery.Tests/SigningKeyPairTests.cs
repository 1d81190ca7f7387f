using System.Text.Json;

namespace CrmMail.SignedDelivery.Tests;

public sealed class SigningKeyPairTests
{
    // Rule: the public key CloudFront registers comes from the custom resource (GetAtt), the key group holds it, the binding writes its id into the pair's secret, and no private key is in the template.
    [Fact]
    public void KeyPair_PublicKeyFromTheCustomResource_InTheKeyGroupAndBound()
    {
        var template = Synth.Template(stack => _ = new SigningKeyPair(stack, "SigningKey", new SigningKeyPairProps { HandlerCode = Synth.HandlerStub() }));

        var (pairId, pair) = template.OfType("Custom::CloudFrontKeyPair").Single();
        Assert.Equal("Test/SigningKey", pair.Props().GetProperty("SecretNamePrefix").GetString());
        Assert.Equal("RSA_2048", pair.Props().GetProperty("KeyType").GetString());
        var (publicKeyId, publicKey) = template.OfType("AWS::CloudFront::PublicKey").Single();
        Assert.Equal($$"""{"Fn::GetAtt":["{{pairId}}","PublicKeyPem"]}""", publicKey.Props().GetProperty("PublicKeyConfig").GetProperty("EncodedKey").GetRawText());
        Assert.Equal($$"""[{"Ref":"{{publicKeyId}}"}]""", template.OfType("AWS::CloudFront::KeyGroup").Single().Resource.Props().GetProperty("KeyGroupConfig").GetProperty("Items").GetRawText());
        var binding = template.OfType("Custom::CloudFrontKeyPairBinding").Single().Resource.Props();
        Assert.Equal($$"""{"Ref":"{{publicKeyId}}"}""", binding.GetProperty("KeyPairId").GetRawText());
        Assert.Equal($$"""{"Fn::GetAtt":["{{pairId}}","SecretArn"]}""", binding.GetProperty("SecretArn").GetRawText());
        Assert.DoesNotContain("PRIVATE KEY", template.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(template.OfType("AWS::SecretsManager::Secret"));
    }

    // Rule: the handler's role may only write its own logs and make/read/update/delete secrets under its pairs' prefixes; two pairs share one handler; no managed policy.
    [Fact]
    public void Handler_SharedByPairs_MayTouchOnlyThePairsSecretPrefixes()
    {
        var template = Synth.Template(stack =>
        {
            var first = new SigningKeyPair(stack, "Key1", new SigningKeyPairProps { HandlerCode = Synth.HandlerStub() });
            _ = new SigningKeyPair(stack, "Key2", new SigningKeyPairProps { HandlerCode = Synth.HandlerStub(), KeyType = KeyPairType.EcdsaP256, AlsoTrusted = [first.PublicKey] });
        });

        Assert.Single(template.OfType("AWS::Lambda::Function"));
        var role = template.OfType("AWS::IAM::Role").Single().Resource.Props();
        Assert.False(role.TryGetProperty("ManagedPolicyArns", out _));
        var statements = template.OfType("AWS::IAM::Policy").Single().Resource.Props().GetProperty("PolicyDocument").Statements().ToArray();
        Assert.Equal(3, statements.Length);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], statements[0].GetProperty("Action").Strings());
        Assert.Matches("^\\{\"Fn::GetAtt\":\\[\"CloudFrontKeyPairHandlerLogs[0-9A-F]+\",\"Arn\"\\]\\}$", statements[0].GetProperty("Resource").GetRawText());
        foreach (var (statement, prefix) in statements[1..].Zip(["Test/Key1", "Test/Key2"]))
        {
            Assert.Equal(["secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"], statement.GetProperty("Action").Strings().Order(StringComparer.Ordinal));
            Assert.Equal($$"""{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":secretsmanager:eu-west-1:123456789012:secret:{{prefix}}-*"]]}""", statement.GetProperty("Resource").GetRawText());
        }

        // Rotation: the second pair's group trusts both keys.
        var groups = template.OfType("AWS::CloudFront::KeyGroup").Select(g => g.Resource.Props().GetProperty("KeyGroupConfig").GetProperty("Items").GetArrayLength()).Order();
        Assert.Equal([1, 2], groups);
        Assert.Equal("ECDSA_P256", template.OfType("Custom::CloudFrontKeyPair").Single(p => p.Id.StartsWith("Key2", StringComparison.Ordinal)).Resource.Props().GetProperty("KeyType").GetString());
    }

    // Rule: the custom resources wait for the handler's permissions (else a Create races its own policy and fails).
    [Fact]
    public void CustomResources_DependOnTheHandlersPolicy()
    {
        var template = Synth.Template(stack => _ = new SigningKeyPair(stack, "SigningKey", new SigningKeyPairProps { HandlerCode = Synth.HandlerStub() }));

        var (policyId, _) = template.OfType("AWS::IAM::Policy").Single();
        foreach (var type in new[] { "Custom::CloudFrontKeyPair", "Custom::CloudFrontKeyPairBinding" })
        {
            Assert.Contains(policyId, template.OfType(type).Single().Resource.GetProperty("DependsOn").Strings());
        }
    }
}
