using BenchmarkDotNet.Attributes;
using CrmMail.Gallery;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Benchmarks;

/// <summary>
/// A gallery page of N images: one wildcard custom policy signed once and shared by every URL
/// (what GalleryFlow does) against one canned signature per image. RSA-SHA1, CloudFront's default.
/// </summary>
public class GalleryPageBenchmarks
{
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
    private readonly SpaceLinks _links = new(new Uri("https://d111111abcdef8.cloudfront.net/"));
    private CloudFrontSigningKey _key = null!;
    private CloudFrontUrlSigner _signer = null!;
    private string[] _keys = [];

    [Params(100, 1000)]
    public int Images { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = Environment.GetEnvironmentVariable("CRM_MAIL_FIXTURES")
            ?? throw new InvalidOperationException("Set CRM_MAIL_FIXTURES to ../shared/fixtures (tools/bench/gallery.sh does).");
        _key = CloudFrontSigningKey.FromPem("KBENCHRSA", File.ReadAllText(Path.Combine(fixtures, "cloudfront", "test-private-key.pem")));
        _signer = new CloudFrontUrlSigner(_key, TimeProvider.System, CloudFrontHashAlgorithm.Sha1);
        _keys = [.. Enumerable.Range(0, Images).Select(i => $"spaces/demo-a/20261123120000-{i:x16}-image-{i}.png")];
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark(Baseline = true, Description = "one canned signature per image")]
    public int CannedPerImage()
    {
        var length = 0;
        foreach (var key in _keys)
        {
            length += _signer.SignCanned(_links.ObjectUrl(key), Expires).Length;
        }

        return length;
    }

    [Benchmark(Description = "one wildcard policy per page")]
    public int WildcardPerPage()
    {
        var query = _links.SignSpace(_signer, "demo-a", Expires);
        var length = 0;
        foreach (var key in _keys)
        {
            length += (_links.ObjectUrl(key) + "?" + query).Length;
        }

        return length;
    }
}
