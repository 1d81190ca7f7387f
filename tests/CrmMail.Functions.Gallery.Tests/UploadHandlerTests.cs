using System.Text;
using System.Text.Json;
using CrmMail.LocalSuite.CloudFront;
using CrmMail.Settings;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.Gallery.Tests;

/// <summary>POST /spaces/{spaceId}/uploads over moto: membership, the type and size limits, and one exact-URL signature per upload.</summary>
[Trait("Category", "Integration")]
public sealed class UploadHandlerTests(GalleryMoto moto) : IClassFixture<GalleryMoto>, IDisposable
{
    private readonly GalleryHarness _sut = new(moto, new Dictionary<string, string> { [Catalogue.GalleryUploadMaxBytes.Name] = "1000" });

    public void Dispose() => _sut.Dispose();

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<string> SpaceAsync(string uid)
    {
        var space = "u-" + Guid.NewGuid().ToString("N")[..12];
        await _sut.Membership.GrantAsync(uid, space, default);
        return space;
    }

    // Rule: a member gets a PUT URL for one new server-chosen key under the space, the caller's name sanitized, signed for exactly that URL.
    [Fact]
    public async Task Upload_Member_SignsOneExactUrlUnderTheSpace()
    {
        var space = await SpaceAsync("alice");

        var response = await _sut.UploadAsync(space, _sut.Token("alice"), """{"fileName":"../../etc/My Photo*?.PNG","contentType":"image/png","size":1000}""");

        Assert.Equal(201, response.StatusCode);
        var json = Json(response.Body!);
        var key = json.GetProperty("key").GetString()!;
        Assert.Matches($"^spaces/{space}/20261123120000-[0-9a-f]{{16}}-My-Photo\\.png$", key);
        Assert.Equal("PUT", json.GetProperty("method").GetString());
        Assert.Equal("image/png", json.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal("1000", json.GetProperty("headers").GetProperty("Content-Length").GetString());
        Assert.Equal("2026-11-23T12:05:00Z", json.GetProperty("expiresAt").GetString());
        var url = json.GetProperty("url").GetString()!;
        Assert.StartsWith($"https://{GalleryHarness.Domain}/{key}?size=1000&type=image%2Fpng&Policy=", url, StringComparison.Ordinal);
        var policy = Json(Encoding.ASCII.GetString(SignedUrlQuery.Decode(SignedUrlQuery.Parse(url)["Policy"])));
        Assert.Equal($"https://{GalleryHarness.Domain}/{key}?size=1000&type=image%2Fpng", policy.GetProperty("Statement")[0].GetProperty("Resource").GetString());
        Assert.Equal(SignedUrlRejection.None, _sut.AtEdge(url));
    }

    // Rule: the upload signature covers one key and its declared size and type: another key, size or type is refused at the edge.
    [Fact]
    public async Task Upload_UrlWithOtherKeySizeOrType_RefusedByEdge()
    {
        var space = await SpaceAsync("bob");
        var url = Json((await _sut.UploadAsync(space, _sut.Token("bob"), """{"name":"a.png","contentType":"image/png","size":10}""")).Body!).GetProperty("url").GetString()!;

        Assert.Equal(SignedUrlRejection.ResourceMismatch, _sut.AtEdge(url.Replace("-a.png?", "-b.png?", StringComparison.Ordinal)));
        Assert.Equal(SignedUrlRejection.ResourceMismatch, _sut.AtEdge(url.Replace("size=10&", "size=999999&", StringComparison.Ordinal)));
        Assert.Equal(SignedUrlRejection.ResourceMismatch, _sut.AtEdge(url.Replace("type=image%2Fpng", "type=text%2Fhtml", StringComparison.Ordinal)));
        _sut.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SignedUrlRejection.Expired, _sut.AtEdge(url));
    }

    // Rule: the declared type must be on the allowed list (SVG is not, by default); the refusal lists the allowed types.
    [Theory]
    [InlineData("image/svg+xml")]
    [InlineData("text/html")]
    [InlineData("")]
    public async Task Upload_TypeNotAllowed_Is400WithTheList(string contentType)
    {
        var space = await SpaceAsync("carol");

        var response = await _sut.UploadAsync(space, _sut.Token("carol"), $$"""{"fileName":"a","contentType":"{{contentType}}","size":10}""");

        Assert.Equal(400, response.StatusCode);
        var error = Json(response.Body!).GetProperty("error");
        Assert.Equal("unsupported_content_type", error.GetProperty("code").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("message").GetString() == "image/png");
    }

    // Rule: the size must be 1..GALLERY_UPLOAD_MAX_BYTES.
    [Theory]
    [InlineData("1001", "too_large")]
    [InlineData("0", "invalid_size")]
    [InlineData("-5", "invalid_size")]
    [InlineData("null", "invalid_size")]
    public async Task Upload_SizeOutOfBounds_Is400(string size, string code)
    {
        var space = await SpaceAsync("dave");

        var response = await _sut.UploadAsync(space, _sut.Token("dave"), $$"""{"fileName":"a.png","contentType":"image/png","size":{{size}}}""");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(code, Json(response.Body!).GetProperty("error").GetProperty("code").GetString());
    }

    // Rule: uploads make the same membership check as listing: a non-member and a missing space get identical 403s.
    [Fact]
    public async Task Upload_NonMemberAndMissingSpace_IdenticalForbidden()
    {
        var space = await SpaceAsync("erin");
        const string body = """{"fileName":"a.png","contentType":"image/png","size":10}""";

        var notMember = await _sut.UploadAsync(space, _sut.Token("frank"), body);
        var missing = await _sut.UploadAsync("nowhere-" + Guid.NewGuid().ToString("N")[..8], _sut.Token("frank"), body);

        Assert.Equal(403, notMember.StatusCode);
        Assert.Equal(notMember.Body, missing.Body);
    }

    // Rule: a body that is not the JSON object is 400 invalid_json, never an exception.
    [Theory]
    [InlineData("not json")]
    [InlineData("""{"size":"ten"}""")]
    public async Task Upload_MalformedBody_Is400(string body)
    {
        var space = await SpaceAsync("grace");

        var response = await _sut.UploadAsync(space, _sut.Token("grace"), body);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid_json", Json(response.Body!).GetProperty("error").GetProperty("code").GetString());
    }
}
