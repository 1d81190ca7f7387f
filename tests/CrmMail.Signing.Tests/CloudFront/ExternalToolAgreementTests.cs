using System.Text;
using CrmMail.Signing.CloudFront;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Signing.Tests.CloudFront;

/// <summary>Agreement with the independent implementations on the machine: the AWS CLI and openssl.</summary>
[Trait("Category", "Integration")]
public class ExternalToolAgreementTests
{
    [Theory]
    [InlineData("https://d111111abcdef8.cloudfront.net/reports/2025/08/DN-10042.pdf", "2031-05-01")]
    [InlineData("https://files.example.com/a/b/c.csv?response-content-disposition=attachment", "1900000000")]
    public async Task SignCanned_AgreesWithAwsCliCloudFrontSign(string url, string dateLessThan)
    {
        var keyFile = TestPaths.Fixture("cloudfront", "test-private-key.pkcs1.pem");
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(
            "aws", ["cloudfront", "sign", "--url", url, "--key-pair-id", "KCLITEST1", "--private-key", "file://" + keyFile, "--date-less-than", dateLessThan],
            TimeSpan.FromMinutes(1), environment: new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "us-east-1" });
        Assert.True(exitCode == 0, stderr);
        var expires = long.Parse(SignedUrlQuery.Parse(stdout.Trim())["Expires"], System.Globalization.CultureInfo.InvariantCulture);

        using var key = CloudFrontSigningKey.FromPem("KCLITEST1", File.ReadAllText(keyFile));
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());

        Assert.Equal(stdout.Trim(), sut.SignCanned(url, DateTimeOffset.FromUnixTimeSeconds(expires)));
    }

    [Fact]
    public async Task SignCustom_EcdsaSignature_VerifiesWithOpensslDgst()
    {
        using var key = CloudFrontSigningKey.FromPem("KECDSA1", File.ReadAllText(TestPaths.Fixture("cloudfront", "test-ecdsa-p256-private-key.pem")));
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());
        var policy = new CloudFrontPolicy("https://d1.example.net/*", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), null, "203.0.113.7");
        var query = SignedUrlQuery.Parse(sut.SignCustom("https://d1.example.net/x.pdf", policy));
        var dir = Directory.CreateTempSubdirectory("cf-ecdsa-");
        try
        {
            var policyFile = Path.Combine(dir.FullName, "policy.json");
            var signatureFile = Path.Combine(dir.FullName, "sig.der");
            await File.WriteAllBytesAsync(policyFile, SignedUrlQuery.Decode(query["Policy"]));
            await File.WriteAllBytesAsync(signatureFile, SignedUrlQuery.Decode(query["Signature"]));

            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(
                "openssl", ["dgst", "-sha256", "-verify", TestPaths.Fixture("cloudfront", "test-ecdsa-p256-public-key.pem"), "-signature", signatureFile, policyFile],
                TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 0, stdout + stderr);
            Assert.Contains("Verified OK", stdout, StringComparison.Ordinal);
            Assert.Equal(policy.ToJson(), Encoding.ASCII.GetString(await File.ReadAllBytesAsync(policyFile)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
