using BenchmarkDotNet.Attributes;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Benchmarks;

/// <summary>One signed report link (canned policy), the per-request cost in send-mail.</summary>
public class SignedUrlBenchmarks
{
    private const string Url = "https://d111111abcdef8.cloudfront.net/reports/2025/08/DN-10042.pdf";
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
    private CloudFrontSigningKey _rsa = null!;
    private CloudFrontSigningKey _ecdsa = null!;
    private CloudFrontUrlSigner _rsaSha1 = null!;
    private CloudFrontUrlSigner _rsaSha256 = null!;
    private CloudFrontUrlSigner _ecdsaSha256 = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = Environment.GetEnvironmentVariable("CRM_MAIL_FIXTURES")
            ?? throw new InvalidOperationException("Set CRM_MAIL_FIXTURES to ../shared/fixtures (tools/bench/signing.sh does).");
        _rsa = CloudFrontSigningKey.FromPem("KBENCHRSA", File.ReadAllText(Path.Combine(fixtures, "cloudfront", "test-private-key.pem")));
        _ecdsa = CloudFrontSigningKey.FromPem("KBENCHEC", File.ReadAllText(Path.Combine(fixtures, "cloudfront", "test-ecdsa-p256-private-key.pem")));
        if (OperatingSystem.IsLinux() && !_ecdsa.UsesLibCryptoContexts)
        {
            throw new InvalidOperationException("libcrypto 3 was not bound; this run would measure the ECDsa fallback, not what the functions use.");
        }

        _rsaSha1 = new CloudFrontUrlSigner(_rsa, TimeProvider.System, CloudFrontHashAlgorithm.Sha1);
        _rsaSha256 = new CloudFrontUrlSigner(_rsa, TimeProvider.System, CloudFrontHashAlgorithm.Sha256);
        _ecdsaSha256 = new CloudFrontUrlSigner(_ecdsa, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _ecdsa.Dispose();
    }

    [Benchmark(Description = "RSA-SHA1")]
    public string RsaSha1() => _rsaSha1.SignCanned(Url, Expires);

    [Benchmark(Description = "RSA-SHA256")]
    public string RsaSha256() => _rsaSha256.SignCanned(Url, Expires);

    [Benchmark(Description = "ECDSA-P256")]
    public string EcdsaP256() => _ecdsaSha256.SignCanned(Url, Expires);
}
