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

    // Rule: --private-key-out writes a PEM only its owner can read, and sign-url signs with it as file://.
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Generate_PrivateKeyOut_Writes0600PemThatSignUrlUses()
    {
        var dir = Directory.CreateTempSubdirectory("keys-");
        try
        {
            var path = Path.Combine(dir.FullName, "cloudfront.pem");

            var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("keys", "generate", "--type", "ecdsa", "--name", "k_2026-12", "--private-key-out", path);

            Assert.True(exitCode == 0, stderr);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            // Only the public entry on stdout: the private key went to the file alone.
            var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("PRIVATE", line, StringComparison.Ordinal);
            var (signExit, signed, signErr) = await SignUrlCommandTests.Run("sign-url", "--url", "https://d1.example.net/a.pdf", "--key-pair-id", "K1",
                "--private-key", "file://" + path, "--date-less-than", "2031-01-01");
            Assert.True(signExit == 0, signErr);
            Assert.EndsWith("&Key-Pair-Id=K1&Hash-Algorithm=SHA256", signed.Trim(), StringComparison.Ordinal);

            // Never overwrites a key that may be deployed.
            var (again, _, againErr) = await SignUrlCommandTests.Run("keys", "generate", "--private-key-out", path);
            Assert.Equal(2, again);
            Assert.Contains("already exists", againErr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // Rule: the printed JSON carries PEM text as is: no \u002B-style escapes for '+' or '/'.
    [Fact]
    public async Task Generate_Json_HasNoUnicodeEscapes()
    {
        var found = false;
        for (var i = 0; i < 5 && !found; i++)
        {
            var (_, stdout, _) = await SignUrlCommandTests.Run("keys", "generate");
            Assert.DoesNotContain("\\u00", stdout, StringComparison.Ordinal);
            found = stdout.Contains('+', StringComparison.Ordinal);
        }

        // A 2048-bit key's base64 holds a '+' with near certainty: the check above really ran on one.
        Assert.True(found);
    }

    // Rule: a key name is what the CDK's CloudFront public key accepts: letters, digits, '-' and '_', 1 to 80.
    [Theory]
    [InlineData("key 2026")]
    [InlineData("key/2026")]
    [InlineData("clé-2026")]
    [InlineData("")]
    public async Task Generate_BadName_IsExitCode2(string name)
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("keys", "generate", "--name", name);

        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Generate_EightyCharacterName_IsAccepted()
        => Assert.Equal(0, (await SignUrlCommandTests.Run("keys", "generate", "--type", "ecdsa", "--name", new string('k', 80))).ExitCode);
}
