using System.Net;
using System.Text.Json;
using CrmMail.LocalSuite.CloudFront;
using CrmMail.Signing.CloudFront;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.LocalSuite.Tests;

/// <summary>
/// The CloudFront stand-in's verifier against botocore's URLs (made by another implementation,
/// so these prove the verifier, not our signer), then against each way a URL can go wrong.
/// </summary>
public sealed class SignedUrlVerifierTests
{
    private static readonly string RsaPublicKey = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-public-key.pem"));

    public static TheoryData<string, int> Vectors()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in new[] { "signed-url-vectors.json", "signed-url-vectors-sha256.json" })
        {
            using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("cloudfront", file)));
            for (var i = 0; i < document.RootElement.GetProperty("cases").GetArrayLength(); i++)
            {
                data.Add(file, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void BotocoreUrl_InsideItsWindowAndRange_IsAccepted(string file, int index)
    {
        var vector = Case(file, index);
        var (verifier, _) = Verifier(vector, ValidInstant(vector));

        Assert.Equal(SignedUrlRejection.None, Verify(verifier, vector.SignedUrl, vector.ViewerInRange));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void BotocoreUrl_AtItsExpiry_IsExpired(string file, int index)
    {
        var vector = Case(file, index);
        var (verifier, _) = Verifier(vector, DateTimeOffset.FromUnixTimeSeconds(vector.Expires));

        Assert.Equal(SignedUrlRejection.Expired, Verify(verifier, vector.SignedUrl, vector.ViewerInRange));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void BotocoreUrl_WithOneSignatureCharacterChanged_FailsItsSignature(string file, int index)
    {
        var vector = Case(file, index);
        var (verifier, _) = Verifier(vector, ValidInstant(vector));
        var at = vector.SignedUrl.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length + 10;
        var tampered = vector.SignedUrl[..at] + (vector.SignedUrl[at] == 'A' ? 'B' : 'A') + vector.SignedUrl[(at + 1)..];

        Assert.Equal(SignedUrlRejection.BadSignature, Verify(verifier, tampered, vector.ViewerInRange));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void BotocoreUrl_UnderAnotherKeyPairId_IsRefused(string file, int index)
    {
        var vector = Case(file, index);
        var verifier = new SignedUrlVerifier(new Dictionary<string, string> { ["KOTHER"] = RsaPublicKey }, new FakeTimeProvider(ValidInstant(vector)));

        Assert.Equal(SignedUrlRejection.UnknownKeyPairId, Verify(verifier, vector.SignedUrl, vector.ViewerInRange));
    }

    [Fact]
    public void CannedUrl_ForAnotherPath_FailsItsSignature()
    {
        var vector = Case("signed-url-vectors.json", 0);
        var (verifier, _) = Verifier(vector, ValidInstant(vector));

        Assert.Equal(SignedUrlRejection.BadSignature, Verify(verifier, vector.SignedUrl.Replace("x-y_z.pdf", "other.pdf", StringComparison.Ordinal), IPAddress.Loopback));
    }

    [Fact]
    public void CustomPolicy_WildcardResource_AcceptsAnyKeyUnderItAndRefusesOthers()
    {
        var vector = Case("signed-url-vectors.json", 9);
        Assert.EndsWith("/reports/2024/12/*", vector.Resource, StringComparison.Ordinal);
        var (verifier, _) = Verifier(vector, ValidInstant(vector));

        Assert.Equal(SignedUrlRejection.None, Verify(verifier, vector.SignedUrl.Replace("x-y_z.pdf", "another.pdf", StringComparison.Ordinal), vector.ViewerInRange));
        Assert.Equal(SignedUrlRejection.ResourceMismatch, Verify(verifier, vector.SignedUrl.Replace("/2024/12/", "/2024/11/", StringComparison.Ordinal), vector.ViewerInRange));
    }

    [Fact]
    public void CustomPolicy_FromOutsideTheSourceRange_IsRefused()
    {
        var vector = Case("signed-url-vectors.json", 1);
        var (verifier, _) = Verifier(vector, ValidInstant(vector));

        Assert.Equal(SignedUrlRejection.SourceIpMismatch, Verify(verifier, vector.SignedUrl, IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public void CustomPolicy_BeforeNotBefore_IsNotYetValid()
    {
        var vector = Case("signed-url-vectors.json", 7);
        Assert.NotNull(vector.NotBefore);
        var (verifier, _) = Verifier(vector, DateTimeOffset.FromUnixTimeSeconds(vector.NotBefore!.Value - 1));

        Assert.Equal(SignedUrlRejection.NotYetValid, Verify(verifier, vector.SignedUrl, vector.ViewerInRange));
    }

    [Theory]
    [InlineData("Expires=1&Key-Pair-Id=K")]
    [InlineData("Expires=1&Signature=abc")]
    [InlineData("Signature=abc&Key-Pair-Id=K")]
    [InlineData("Expires=1&Policy=e30_&Signature=abc&Key-Pair-Id=K")]
    [InlineData("")]
    public void MissingOrConflictingSigningParameters_AreRefused(string query)
    {
        var verifier = new SignedUrlVerifier(new Dictionary<string, string> { ["K"] = RsaPublicKey }, TimeProvider.System);

        Assert.Equal(SignedUrlRejection.MissingParameters, verifier.Verify("https", "cdn.example.com", "/a.pdf", "?" + query, IPAddress.Loopback));
    }

    [Fact]
    public void EcdsaUrl_WithSha256_IsAcceptedAndATamperedOneIsNot()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var key = CloudFrontSigningKey.FromPem("KEC", File.ReadAllText(TestPaths.Fixture("cloudfront", "test-ecdsa-p256-private-key.pem")));
        var url = new CloudFrontUrlSigner(key, time).SignCanned("https://cdn.example.com/r/a.pdf", TimeSpan.FromDays(1));
        var verifier = new SignedUrlVerifier(new Dictionary<string, string> { ["KEC"] = File.ReadAllText(TestPaths.Fixture("cloudfront", "test-ecdsa-p256-public-key.pem")) }, time);

        Assert.Contains("Hash-Algorithm=SHA256", url, StringComparison.Ordinal);
        Assert.Equal(SignedUrlRejection.None, Verify(verifier, url, IPAddress.Loopback));
        Assert.Equal(SignedUrlRejection.BadSignature, Verify(verifier, url.Replace("/r/a.pdf", "/r/b.pdf", StringComparison.Ordinal), IPAddress.Loopback));
    }

    [Theory]
    [InlineData("https://a/*", "https://a/b/c.pdf", true)]
    [InlineData("https://a/b/?.pdf", "https://a/b/c.pdf", true)]
    [InlineData("https://a/b/?.pdf", "https://a/b/cc.pdf", false)]
    [InlineData("http*://a/b", "https://a/b", true)]
    [InlineData("https://a/b", "https://a/b/c", false)]
    [InlineData("*", "anything", true)]
    [InlineData("https://a/*/c", "https://a/x/y/c", true)]
    [InlineData("https://a/*/c", "https://a/x/y/d", false)]
    public void WildcardMatch_FollowsCloudFrontsRules(string pattern, string value, bool expected)
        => Assert.Equal(expected, SignedUrlVerifier.WildcardMatch(pattern, value));

    private static SignedUrlRejection Verify(SignedUrlVerifier verifier, string url, IPAddress viewer)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var uri = new Uri(url);
        var afterAuthority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3 + uri.Authority.Length)..];
        var path = afterAuthority.Split('?')[0];
        return verifier.Verify(uri.Scheme, uri.Authority, path, url[queryStart..], viewer);
    }

    private static (SignedUrlVerifier Verifier, FakeTimeProvider Time) Verifier(Vector vector, DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        return (new SignedUrlVerifier(new Dictionary<string, string> { [vector.KeyPairId] = RsaPublicKey }, time), time);
    }

    private static DateTimeOffset ValidInstant(Vector vector) => DateTimeOffset.FromUnixTimeSeconds((vector.NotBefore ?? vector.Expires - 3600) + 1);

    private static Vector Case(string file, int index)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("cloudfront", file)));
        var c = document.RootElement.GetProperty("cases")[index];
        var range = c.TryGetProperty("ipAddress", out var ip) && ip.ValueKind == JsonValueKind.String ? ip.GetString()! : null;
        return new Vector(
            c.GetProperty("keyPairId").GetString()!,
            c.GetProperty("signedUrl").GetString()!,
            c.GetProperty("expiresEpoch").GetInt64(),
            c.TryGetProperty("notBeforeEpoch", out var nb) && nb.ValueKind == JsonValueKind.Number ? nb.GetInt64() : null,
            c.TryGetProperty("resource", out var r) ? r.GetString() : null,
            range is null ? IPAddress.Loopback : IPAddress.Parse(range.Split('/')[0]));
    }

    private sealed record Vector(string KeyPairId, string SignedUrl, long Expires, long? NotBefore, string? Resource, IPAddress ViewerInRange);
}
