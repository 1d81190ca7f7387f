using System.Security.Cryptography;
using System.Text;
using CrmMail.Signing.CloudFront;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Signing.Tests.CloudFront;

/// <summary>
/// CloudFront signing rules a mutation run showed unguarded (issue 20): the custom policy's
/// resource check, URL checks on SignCustom, lifetimes at zero, policy edges.
/// </summary>
public class CloudFrontRuleTests
{
    private static readonly string RsaPkcs8 = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem"));
    private static readonly DateTimeOffset Expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    // Rule: a custom policy's resource with a quote, backslash, control character, space or non-ASCII is refused before it can reach the policy JSON.
    [Theory]
    [InlineData("https://d1.example.net/*\",\"Condition\":{}}]}")]
    [InlineData("https://d1.example.net/a\\\"b")]
    [InlineData("https://d1.example.net/a\\u0022")]
    [InlineData("https://d1.example.net/a\u0001b")]
    [InlineData("https://d1.example.net/a\nb")]
    [InlineData("https://d1.example.net/a\u007fb")]
    [InlineData("https://d1.example.net/a b")]
    [InlineData("https://d1.example.net/ü")]
    [InlineData("")]
    public void Policy_ResourceThatWouldBreakThePolicyJson_IsRefused(string resource)
    {
        var error = Assert.Throws<ArgumentException>(() => new CloudFrontPolicy(resource, Expiry));

        Assert.Equal("resource", error.ParamName);
    }

    // Rule: every printable ASCII character other than quote and backslash is allowed in a resource, and it appears verbatim in the policy.
    [Fact]
    public void Policy_PrintableAsciiResource_AppearsVerbatimInTheJson()
    {
        var resource = "https://d1.example.net/" + new string(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c is not '"' and not '\\').ToArray());

        var json = new CloudFrontPolicy(resource, Expiry).ToJson();

        Assert.Equal("{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1800000000}}}]}", json);
        Assert.True(CloudFrontUrl.IsSignable("!"));
        Assert.True(CloudFrontUrl.IsSignable("~"));
        Assert.False(CloudFrontUrl.IsSignable(" "));
        Assert.False(CloudFrontUrl.IsSignable("\u007f"));
    }

    // Rule: SignCustom refuses the same URLs SignCanned does (unsignable, not http(s), with a fragment).
    [Theory]
    [InlineData("https://d1.example.net/with space.pdf")]
    [InlineData("https://d1.example.net/quote\".pdf")]
    [InlineData("ftp://d1.example.net/a.pdf")]
    [InlineData("d1.example.net/a.pdf")]
    [InlineData("https://d1.example.net/a.pdf#frag")]
    [InlineData("")]
    public void SignCustom_BadUrl_IsRefused(string url)
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());

        var error = Assert.Throws<ArgumentException>(() => sut.SignCustom(url, new CloudFrontPolicy("https://d1.example.net/*", Expiry)));
        Assert.Equal("url", error.ParamName);
    }

    // Rule: http and https URLs in either case are signable.
    [Theory]
    [InlineData("http://d1.example.net/a.pdf")]
    [InlineData("HTTPS://d1.example.net/a.pdf")]
    public void SignCustom_HttpOrHttpsInAnyCase_IsSigned(string url)
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());

        Assert.StartsWith(url + "?Policy=", sut.SignCustom(url, new CloudFrontPolicy("*", Expiry)), StringComparison.Ordinal);
    }

    // Rule: a link lifetime must be positive: zero and negative are refused, one second is signed.
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void SignCanned_ZeroOrNegativeLifetime_IsRefused(int seconds)
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider(Expiry));

        Assert.Throws<ArgumentOutOfRangeException>(() => sut.SignCanned("https://d1.example.net/a.pdf", TimeSpan.FromSeconds(seconds)));
        Assert.Contains("Expires=1800000001&", sut.SignCanned("https://d1.example.net/a.pdf", TimeSpan.FromSeconds(1)), StringComparison.Ordinal);
    }

    // Rule: the signature covers exactly the policy in the URL: a custom-policy URL verifies over the decoded policy with the RSA public key.
    [Fact]
    public void SignCustom_Rsa_SignatureVerifiesOverTheEmbeddedPolicy()
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider(), CloudFrontHashAlgorithm.Sha256);
        var policy = new CloudFrontPolicy("https://d1.example.net/*", Expiry, Expiry.AddDays(-1), "192.0.2.0/24");

        var url = sut.SignCustom("https://d1.example.net/a.pdf?v=1", policy);

        var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("1", query["v"]);
        Assert.Equal("SHA256", query["Hash-Algorithm"]);
        Assert.Equal("K1", query["Key-Pair-Id"]);
        var policyJson = FromUrlSafeBase64(query["Policy"]);
        Assert.Equal(policy.ToJson(), Encoding.ASCII.GetString(policyJson));
        Assert.Equal(
            "{\"Statement\":[{\"Resource\":\"https://d1.example.net/*\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1800000000},\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.0/24\"},\"DateGreaterThan\":{\"AWS:EpochTime\":1799913600}}}]}",
            policy.ToJson());
        using var rsa = RSA.Create();
        rsa.ImportFromPem(RsaPkcs8);
        Assert.True(rsa.VerifyData(policyJson, FromUrlSafeBase64(query["Signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    // Rule: the not-before time must be strictly earlier than the expiry, compared in whole seconds.
    [Fact]
    public void Policy_NotBeforeEqualToExpiryInWholeSeconds_IsRefused()
    {
        // 0.9 s apart in ticks but the same whole second on the wire: refused.
        Assert.Throws<ArgumentException>(() => new CloudFrontPolicy("*", Expiry.AddMilliseconds(900), Expiry));
        Assert.Equal(Expiry.AddSeconds(-1), new CloudFrontPolicy("*", Expiry, Expiry.AddSeconds(-1)).DateGreaterThan);
    }

    // Rule: a CIDR prefix is 0 to 32 written in at most two digits; signs, spaces and leading zeros beyond two digits are refused.
    [Theory]
    [InlineData("192.0.2.0/0", "192.0.2.0/0")]
    [InlineData("192.0.2.0/32", "192.0.2.0/32")]
    [InlineData("192.0.2.0/08", "192.0.2.0/8")]
    public void Policy_CidrPrefixInRange_IsKept(string input, string expected)
        => Assert.Equal(expected, new CloudFrontPolicy("*", Expiry, null, input).IpAddress);

    [Theory]
    [InlineData("192.0.2.0/")]
    [InlineData("192.0.2.0/+8")]
    [InlineData("192.0.2.0/ 8")]
    [InlineData("192.0.2.0/008")]
    [InlineData("192.0.2.0/-1")]
    [InlineData("3221225985")]
    [InlineData("192.0.2.0.1/24")]
    public void Policy_MalformedCidr_IsRefused(string input)
        => Assert.Throws<ArgumentException>(() => new CloudFrontPolicy("*", Expiry, null, input));

    // Rule: a key pair id is 1 to 128 ASCII letters and digits (it is copied into every URL unescaped).
    [Theory]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void FromPem_KeyPairIdLength_IsAtMost128(int length, bool accepted)
    {
        var id = new string('K', length);

        if (accepted)
        {
            using var key = CloudFrontSigningKey.FromPem(id, RsaPkcs8);
            Assert.Equal(id, key.KeyPairId);
        }
        else
        {
            Assert.Throws<CloudFrontKeyException>(() => CloudFrontSigningKey.FromPem(id, RsaPkcs8));
        }
    }

    // Rule: a PEM block whose content is not a key is refused as such (CloudFrontKeyException, which
    // the signer source reports as an unusable key), under each label, never imported half-way.
    [Theory]
    [InlineData("EC PRIVATE KEY")]
    [InlineData("RSA PRIVATE KEY")]
    [InlineData("PRIVATE KEY")]
    public void FromPem_MalformedKeyUnderALabel_IsRefused(string label)
    {
        var pem = $"-----BEGIN {label}-----\nAAECAwQFBgcICQoLDA0ODw==\n-----END {label}-----\n";

        Assert.Throws<CloudFrontKeyException>(() => CloudFrontSigningKey.FromPem("K1", pem));
    }

    // Rule: an ECDSA key never signs with SHA-1 (CloudFront verifies ECDSA over SHA-256 only); asked for SHA-1 it is refused, left unset it is SHA-256.
    [Fact]
    public void Signer_EcdsaKey_RefusesSha1AndDefaultsToSha256()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = CloudFrontSigningKey.FromPem("K2", ecdsa.ExportPkcs8PrivateKeyPem());

        Assert.Throws<ArgumentException>(() => new CloudFrontUrlSigner(key, new FakeTimeProvider(), CloudFrontHashAlgorithm.Sha1));
        Assert.Equal(CloudFrontHashAlgorithm.Sha256, new CloudFrontUrlSigner(key, new FakeTimeProvider()).HashAlgorithm);
        Assert.Equal(CloudFrontHashAlgorithm.Sha256, new CloudFrontUrlSigner(key, new FakeTimeProvider(), CloudFrontHashAlgorithm.Sha256).HashAlgorithm);
    }

    // Rule: an RSA key signs with SHA-1 unless SHA-256 is asked for, and only a SHA-256 URL says Hash-Algorithm=SHA256.
    [Fact]
    public void Signer_RsaKey_DefaultsToSha1AndNamesOnlySha256()
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sha1 = new CloudFrontUrlSigner(key, new FakeTimeProvider());
        var sha256 = new CloudFrontUrlSigner(key, new FakeTimeProvider(), CloudFrontHashAlgorithm.Sha256);

        Assert.Equal(CloudFrontHashAlgorithm.Sha1, sha1.HashAlgorithm);
        Assert.EndsWith("&Key-Pair-Id=K1", sha1.SignCanned("https://d1.example.net/a.pdf", Expiry), StringComparison.Ordinal);
        Assert.EndsWith("&Key-Pair-Id=K1&Hash-Algorithm=SHA256", sha256.SignCanned("https://d1.example.net/a.pdf", Expiry), StringComparison.Ordinal);
        Assert.Equal("K1", sha1.KeyPairId);
    }

    private static byte[] FromUrlSafeBase64(string value)
        => Convert.FromBase64String(value.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
}
