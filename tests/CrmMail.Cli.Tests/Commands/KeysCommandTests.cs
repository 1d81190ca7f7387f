using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Signing.CloudFront;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Cli.Tests.Commands;

public class KeysCommandTests
{
    [Theory]
    [InlineData("rsa", CloudFrontKeyType.Rsa)]
    [InlineData("ecdsa", CloudFrontKeyType.EcdsaP256)]
    public async Task Generate_PrintsAPublicEntryAndASecretThatSignAsAPair(string type, CloudFrontKeyType expected)
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("keys", "generate", "--type", type, "--name", "rotation-2026-12");

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var entry = JsonDocument.Parse(lines[0]);
        using var secret = JsonDocument.Parse(lines[1]);
        Assert.Equal("rotation-2026-12", entry.RootElement.GetProperty("name").GetString());
        using var key = CloudFrontSigningKey.FromPem("KNEW", secret.RootElement.GetProperty("privateKey").GetString()!);
        Assert.Equal(expected, key.KeyType);
        var url = new CloudFrontUrlSigner(key, new FakeTimeProvider()).SignCanned("https://d1.example.net/a.pdf", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        var signature = SignedUrlQuery.Decode(SignedUrlQuery.Parse(url)["Signature"]);
        var policy = Encoding.ASCII.GetBytes("{\"Statement\":[{\"Resource\":\"https://d1.example.net/a.pdf\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1900000000}}}]}");
        var publicPem = entry.RootElement.GetProperty("publicKeyPem").GetString()!;
        if (expected == CloudFrontKeyType.Rsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(publicPem);
            Assert.True(rsa.VerifyData(policy, signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        }
        else
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(publicPem);
            Assert.True(ecdsa.VerifyData(policy, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
    }

    [Fact]
    public async Task Generate_UnknownType_IsExitCode2()
        => Assert.Equal(2, (await SignUrlCommandTests.Run("keys", "generate", "--type", "dsa")).ExitCode);
}
