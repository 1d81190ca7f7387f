using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Signing.CloudFront;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Signing.Tests.CloudFront;

public class CloudFrontUrlSignerTests
{
    private static readonly string RsaPkcs8 = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pem"));
    private static readonly string RsaPkcs1 = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-private-key.pkcs1.pem"));
    private static readonly string EcdsaSec1 = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-ecdsa-p256-private-key.pem"));

    private static ECDsa LoadEcdsaPublicKey()
    {
        var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(File.ReadAllText(TestPaths.Fixture("cloudfront", "test-ecdsa-p256-public-key.pem")));
        return publicKey;
    }

    private static string SignCase(JsonElement vector, string pem, CloudFrontHashAlgorithm hash)
    {
        using var key = CloudFrontSigningKey.FromPem(vector.GetProperty("keyPairId").GetString()!, pem);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider(), hash);
        var url = vector.GetProperty("url").GetString()!;
        var expires = DateTimeOffset.FromUnixTimeSeconds(vector.GetProperty("expiresEpoch").GetInt64());
        if (vector.GetProperty("kind").GetString() == "canned")
        {
            return sut.SignCanned(url, expires);
        }

        var notBefore = vector.TryGetProperty("notBeforeEpoch", out var nb) && nb.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(nb.GetInt64()) : (DateTimeOffset?)null;
        var ip = vector.TryGetProperty("ipAddress", out var ipValue) && ipValue.ValueKind == JsonValueKind.String ? ipValue.GetString() : null;
        var policy = new CloudFrontPolicy(vector.GetProperty("resource").GetString()!, expires, notBefore, ip);
        Assert.Equal(vector.GetProperty("policy").GetString(), policy.ToJson());
        return sut.SignCustom(url, policy);
    }

    [Theory]
    [MemberData(nameof(SignedUrlVectors.Cases), MemberType = typeof(SignedUrlVectors))]
    public void Sign_BotocoreSha1Vector_ReproducesTheUrlByteForByte(string file, int index)
    {
        var vector = SignedUrlVectors.Get(file, index);

        Assert.Equal(vector.GetProperty("signedUrl").GetString(), SignCase(vector, RsaPkcs8, CloudFrontHashAlgorithm.Sha1));
    }

    [Theory]
    [MemberData(nameof(SignedUrlVectors.Sha256Cases), MemberType = typeof(SignedUrlVectors))]
    public void Sign_BotocoreSha256Vector_ReproducesTheUrlByteForByte(string file, int index)
    {
        var vector = SignedUrlVectors.Get(file, index);

        Assert.Equal(vector.GetProperty("signedUrl").GetString(), SignCase(vector, RsaPkcs1, CloudFrontHashAlgorithm.Sha256));
    }

    [Fact]
    public void SignCanned_Pkcs1AndPkcs8OfTheSameKey_GiveTheSameUrl()
    {
        using var pkcs1 = CloudFrontSigningKey.FromPem("K1", RsaPkcs1);
        using var pkcs8 = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        Assert.Equal(
            new CloudFrontUrlSigner(pkcs1, time).SignCanned("https://d1.example.net/a.pdf", TimeSpan.FromDays(25)),
            new CloudFrontUrlSigner(pkcs8, time).SignCanned("https://d1.example.net/a.pdf", TimeSpan.FromDays(25)));
    }

    [Fact]
    public void SignCanned_Lifetime_ExpiresRelativeToTheInjectedClock()
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));

        var url = sut.SignCanned("https://d1.example.net/a.pdf?x=1", TimeSpan.FromDays(25));

        Assert.StartsWith("https://d1.example.net/a.pdf?x=1&Expires=" + (1_800_000_000 + (25 * 86400)) + "&Signature=", url, StringComparison.Ordinal);
        Assert.EndsWith("&Key-Pair-Id=K1", url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://d1.example.net/with space.pdf")]
    [InlineData("https://d1.example.net/über.pdf")]
    [InlineData("https://d1.example.net/quote\".pdf")]
    [InlineData("ftp://d1.example.net/a.pdf")]
    [InlineData("https://d1.example.net/a.pdf#frag")]
    [InlineData("")]
    public void SignCanned_UnsignableUrl_IsRefused(string url)
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());

        Assert.Throws<ArgumentException>(() => sut.SignCanned(url, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void SignCustom_Ecdsa_SignatureVerifiesWithThePublicKeyOverThePolicy()
    {
        using var key = CloudFrontSigningKey.FromPem("KECDSA1", EcdsaSec1);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());
        var policy = new CloudFrontPolicy("https://d1.example.net/reports/*", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), "192.0.2.0/24");

        var url = sut.SignCustom("https://d1.example.net/reports/a.pdf", policy);

        Assert.EndsWith("&Key-Pair-Id=KECDSA1&Hash-Algorithm=SHA256", url, StringComparison.Ordinal);
        var query = SignedUrlQuery.Parse(url);
        Assert.Equal(policy.ToJson(), Encoding.ASCII.GetString(SignedUrlQuery.Decode(query["Policy"])));
        using var publicKey = LoadEcdsaPublicKey();
        Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(policy.ToJson()), SignedUrlQuery.Decode(query["Signature"]), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Sign_FromManyThreadsWithOneKey_GivesTheSameDeterministicRsaSignature()
    {
        using var key = CloudFrontSigningKey.FromPem("K1", RsaPkcs8);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider(), CloudFrontHashAlgorithm.Sha256);
        var expected = sut.SignCanned("https://d1.example.net/a.pdf", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));

        var results = new string[400];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = sut.SignCanned("https://d1.example.net/a.pdf", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Sign_EcdsaOnLinux_UsesPerThreadLibCryptoContextsWhoseSignaturesVerifyFromManyThreads()
    {
        using var key = CloudFrontSigningKey.FromPem("KECDSA1", EcdsaSec1);
        using var publicKey = LoadEcdsaPublicKey();
        Assert.Equal(OperatingSystem.IsLinux(), key.UsesLibCryptoContexts);

        // Each thread gets its own context; every signature must still verify over its own input.
        var failures = 0;
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var data = Encoding.ASCII.GetBytes($"{{\"Statement\":[{{\"Resource\":\"https://d1.example.net/{i}.pdf\"}}]}}");
            Span<byte> signature = stackalloc byte[key.MaxSignatureSize];
            var written = key.Sign(data, signature, CloudFrontHashAlgorithm.Sha256);
            if (!publicKey.VerifyData(data, signature[..written], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Sign_EcdsaLibCryptoAndManagedPaths_WriteTheSameDerFormatAndCrossVerify()
    {
        using var key = CloudFrontSigningKey.FromPem("KECDSA1", EcdsaSec1);
        using var publicKey = LoadEcdsaPublicKey();
        var data = Encoding.ASCII.GetBytes("policy bytes");
        var tampered = Encoding.ASCII.GetBytes("policy bytez");

        foreach (var libCrypto in new[] { true, false })
        {
            var signature = new byte[key.MaxSignatureSize];
            var written = key.Sign(data, signature, CloudFrontHashAlgorithm.Sha256, libCrypto);

            // DER ECDSA-Sig-Value: SEQUENCE { INTEGER r, INTEGER s }, 8 to 72 bytes for P-256.
            Assert.InRange(written, 8, 72);
            Assert.Equal(0x30, signature[0]);
            Assert.Equal(written - 2, signature[1]);
            Assert.True(publicKey.VerifyData(data, signature.AsSpan(0, written), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), $"libCrypto={libCrypto}");
            Assert.False(publicKey.VerifyData(tampered, signature.AsSpan(0, written), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), $"libCrypto={libCrypto}");
        }
    }

    // Rule: a signature that does not fit is an error on every path (RSA, libcrypto ECDSA, managed ECDSA), never a
    // silently short or unsigned URL; and a refused call leaves the key usable (libcrypto's per-thread context survives).
    [Theory]
    [InlineData("rsa", true)]
    [InlineData("ecdsa", true)]
    [InlineData("ecdsa", false)]
    public void Sign_DestinationTooSmall_ThrowsAndTheKeyStillSigns(string keyType, bool libCrypto)
    {
        using var key = keyType == "rsa"
            ? CloudFrontSigningKey.FromPem("KRSA1", RsaPkcs8)
            : CloudFrontSigningKey.FromPem("KECDSA1", EcdsaSec1);
        var data = Encoding.ASCII.GetBytes("policy bytes");

        Assert.Throws<CryptographicException>(() => key.Sign(data, new byte[8], CloudFrontHashAlgorithm.Sha256, libCrypto));

        var signature = new byte[key.MaxSignatureSize];
        var written = key.Sign(data, signature, CloudFrontHashAlgorithm.Sha256, libCrypto);
        Assert.InRange(written, 9, key.MaxSignatureSize);
    }

    [Fact]
    public void Dispose_EcdsaKeyUsedFromSeveralThreads_FreesEveryContextAndRefusesFurtherUse()
    {
        var key = CloudFrontSigningKey.FromPem("KECDSA1", EcdsaSec1);
        var sut = new CloudFrontUrlSigner(key, new FakeTimeProvider());
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => sut.SignCanned($"https://d1.example.net/{i}.pdf", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));

        key.Dispose();

        Assert.ThrowsAny<ObjectDisposedException>(() => sut.SignCanned("https://d1.example.net/a.pdf", DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));
    }

    [Fact]
    public void FromPem_Pkcs8Ecdsa_IsAccepted()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var sut = CloudFrontSigningKey.FromPem("K2", ecdsa.ExportPkcs8PrivateKeyPem());

        Assert.Equal(CloudFrontKeyType.EcdsaP256, sut.KeyType);
    }

    [Fact]
    public void FromPem_WrongCurve_IsRefused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CloudFrontKeyException>(() => CloudFrontSigningKey.FromPem("K2", ecdsa.ExportECPrivateKeyPem()));
    }

    [Fact]
    public void FromPem_ShortRsaKey_IsRefused()
    {
        using var rsa = RSA.Create(1024);

        Assert.Throws<CloudFrontKeyException>(() => CloudFrontSigningKey.FromPem("K2", rsa.ExportRSAPrivateKeyPem()));
    }

    [Theory]
    [InlineData("not a pem")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----")]
    public void FromPem_Unusable_IsATypedError(string pem)
        => Assert.Throws<CloudFrontKeyException>(() => CloudFrontSigningKey.FromPem("K2", pem));

    [Theory]
    [InlineData("")]
    [InlineData("K 1")]
    [InlineData("K1&Evil=1")]
    public void FromPem_BadKeyPairId_IsRefused(string keyPairId)
        => Assert.Throws<CloudFrontKeyException>(() => CloudFrontSigningKey.FromPem(keyPairId, RsaPkcs8));

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("192.0.2.0/24", "192.0.2.0/24")]
    public void Policy_IpAddress_IsNormalisedToCidr(string input, string expected)
        => Assert.Equal(expected, new CloudFrontPolicy("https://a/*", DateTimeOffset.UnixEpoch.AddDays(2), null, input).IpAddress);

    [Theory]
    [InlineData("2001:db8::1/128")]
    [InlineData("203.0.113.7/33")]
    [InlineData("203.0.113/24")]
    [InlineData("example.com")]
    public void Policy_BadIpAddress_IsRefused(string input)
        => Assert.Throws<ArgumentException>(() => new CloudFrontPolicy("https://a/*", DateTimeOffset.UnixEpoch.AddDays(2), null, input));

    [Fact]
    public void Policy_NotBeforeAfterExpiry_IsRefused()
        => Assert.Throws<ArgumentException>(() => new CloudFrontPolicy("https://a/*", DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch.AddDays(2)));
}
