using System.Text;
using System.Text.Json;
using CrmMail.LocalSuite.CloudFront;
using CrmMail.Settings;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.Gallery.Tests;

/// <summary>GET /spaces/{spaceId}/images end to end over moto: membership, paging, one wildcard signature per page, expiry.</summary>
[Trait("Category", "Integration")]
public sealed class GalleryHandlerTests(GalleryMoto moto) : IClassFixture<GalleryMoto>, IDisposable
{
    private readonly GalleryHarness _sut = new(moto, new Dictionary<string, string> { [Catalogue.GalleryPageSize.Name] = "2" });

    public void Dispose() => _sut.Dispose();

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private async Task<string> SpaceWithImagesAsync(string uid, int count)
    {
        var space = "s-" + Guid.NewGuid().ToString("N")[..12];
        await _sut.Membership.GrantAsync(uid, space, default);
        for (var i = 0; i < count; i++)
        {
            await moto.PutAsync($"spaces/{space}/img-{i:D2}.png", 10 + i);
        }

        return space;
    }

    // Rule: a member gets every image of the page with the same Policy/Signature/Key-Pair-Id, a wildcard over the space.
    [Fact]
    public async Task List_Member_OneWildcardSignatureSharedByEveryUrl()
    {
        var space = await SpaceWithImagesAsync("alice", 2);

        var response = await _sut.ListAsync(space, _sut.Token("alice"));

        Assert.Equal(200, response.StatusCode);
        var images = Json(response.Body!).GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        var queries = images.Select(i => SignedUrlQuery.Parse(i.GetProperty("url").GetString()!)).ToList();
        Assert.Single(queries.Select(q => q["Signature"]).Distinct());
        Assert.Single(queries.Select(q => q["Policy"]).Distinct());
        Assert.All(queries, q => Assert.Equal(GalleryHarness.KeyPairId, q["Key-Pair-Id"]));
        var policy = Json(Encoding.ASCII.GetString(SignedUrlQuery.Decode(queries[0]["Policy"])));
        Assert.Equal($"https://{GalleryHarness.Domain}/spaces/{space}/*", policy.GetProperty("Statement")[0].GetProperty("Resource").GetString());
        Assert.Equal($"spaces/{space}/img-00.png", images[0].GetProperty("key").GetString());
        Assert.Equal("img-00.png", images[0].GetProperty("name").GetString());
        Assert.Equal(10, images[0].GetProperty("size").GetInt64());
    }

    // Rule: the CloudFront stand-in accepts every URL of the page, and the same signature refuses any URL outside the space's prefix.
    [Fact]
    public async Task List_PageUrls_AcceptedByEdgeInsideSpaceRefusedOutside()
    {
        var space = await SpaceWithImagesAsync("bob", 2);
        var response = await _sut.ListAsync(space, _sut.Token("bob"));
        var urls = Json(response.Body!).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("url").GetString()!).ToList();

        Assert.All(urls, url => Assert.Equal(SignedUrlRejection.None, _sut.AtEdge(url)));
        var query = urls[0][(urls[0].IndexOf('?', StringComparison.Ordinal) + 1)..];
        Assert.Equal(SignedUrlRejection.None, _sut.AtEdge($"https://{GalleryHarness.Domain}/spaces/{space}/any-other.png?{query}"));
        Assert.Equal(SignedUrlRejection.ResourceMismatch, _sut.AtEdge($"https://{GalleryHarness.Domain}/spaces/other-space/img-00.png?{query}"));
        Assert.Equal(SignedUrlRejection.ResourceMismatch, _sut.AtEdge($"https://{GalleryHarness.Domain}/spaces/{space}x/img-00.png?{query}"));
        Assert.Equal(SignedUrlRejection.ResourceMismatch, _sut.AtEdge($"https://{GalleryHarness.Domain}/2026/10/ACME-001.pdf?{query}"));
    }

    // Rule: the links stop working at expiresAt (GALLERY_URL_TTL_SECONDS, default one hour), on the injected clock.
    [Fact]
    public async Task List_AfterTheTtl_EdgeRefusesAsExpired()
    {
        var space = await SpaceWithImagesAsync("carol", 1);
        var response = await _sut.ListAsync(space, _sut.Token("carol"));
        var json = Json(response.Body!);
        var url = json.GetProperty("images")[0].GetProperty("url").GetString()!;

        Assert.Equal("2026-11-23T13:00:00Z", json.GetProperty("expiresAt").GetString());
        _sut.Time.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal(SignedUrlRejection.None, _sut.AtEdge(url));
        _sut.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SignedUrlRejection.Expired, _sut.AtEdge(url));
    }

    // Rule: paging walks every image exactly once, in key order, and the last page has no nextToken.
    [Fact]
    public async Task List_Paging_EveryImageOnceThenNoToken()
    {
        var space = await SpaceWithImagesAsync("dave", 5);
        var token = _sut.Token("dave");
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var json = Json((await _sut.ListAsync(space, token, next)).Body!);
            seen.AddRange(json.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("key").GetString()!));
            next = json.GetProperty("nextToken").GetString();
            pages++;
        }
        while (next is not null && pages < 10);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"spaces/{space}/img-{i:D2}.png"), seen);
        Assert.Equal(3, pages);
    }

    // Rule: a nextToken is checked: one from another space, or one that is not ours, is 400, never passed to S3.
    [Theory]
    [InlineData("garbage!")]
    [InlineData("djE6c3BhY2VzL290aGVyLXNwYWNlL2ltZy0wMC5wbmc")] // v1:spaces/other-space/img-00.png
    [InlineData("djE6c3BhY2VzLw")] // v1:spaces/
    public async Task List_ForeignOrForgedNextToken_Is400(string nextToken)
    {
        var space = await SpaceWithImagesAsync("erin", 3);

        var response = await _sut.ListAsync(space, _sut.Token("erin"), nextToken);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid_next_token", Json(response.Body!).GetProperty("error").GetProperty("code").GetString());
    }

    // Rule: a non-member of an existing space and a member asking for a space that does not exist get byte-identical answers.
    [Fact]
    public async Task List_NonMemberAndMissingSpace_IdenticalForbidden()
    {
        var space = await SpaceWithImagesAsync("frank", 1);
        var token = _sut.Token("grace");

        var notMember = await _sut.ListAsync(space, token);
        var missing = await _sut.ListAsync("no-such-space-" + Guid.NewGuid().ToString("N")[..8], token);

        Assert.Equal(403, notMember.StatusCode);
        Assert.Equal(notMember.StatusCode, missing.StatusCode);
        Assert.Equal(notMember.Body, missing.Body);
        Assert.Equal(notMember.Headers, missing.Headers);
        Assert.Equal("forbidden", Json(notMember.Body!).GetProperty("error").GetProperty("code").GetString());
    }

    // Rule: a revoked member is refused on the next request (the check is a consistent read, not a cache).
    [Fact]
    public async Task List_AfterRevoke_Forbidden()
    {
        var space = await SpaceWithImagesAsync("heidi", 1);
        Assert.Equal(200, (await _sut.ListAsync(space, _sut.Token("heidi"))).StatusCode);

        await _sut.Membership.RevokeAsync("heidi", space, default);

        Assert.Equal(403, (await _sut.ListAsync(space, _sut.Token("heidi"))).StatusCode);
    }

    // Rule: a malformed space id is 400 and never reaches S3 or a policy: no '/', '..', '*', '?', quotes or upper case.
    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a*")]
    [InlineData("*")]
    [InlineData("a?b")]
    [InlineData("a\"b")]
    [InlineData("Demo")]
    [InlineData("-a")]
    [InlineData("%2e%2e")]
    [InlineData("")]
    public async Task List_MalformedSpaceId_Is400(string spaceId)
    {
        var response = await _sut.ListAsync(spaceId, _sut.Token("ivan"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid_space_id", Json(response.Body!).GetProperty("error").GetProperty("code").GetString());
    }

    // Rule: no token, a token of another project or a forged one is 401 with WWW-Authenticate.
    [Fact]
    public async Task List_MissingOrInvalidToken_Is401()
    {
        var space = await SpaceWithImagesAsync("judy", 1);

        var missing = await _sut.ListAsync(space, null);
        var wrongAudience = await _sut.ListAsync(space, _sut.Issuer.Mint(c => c["aud"] = "another-project", now: _sut.Time.GetUtcNow()));

        Assert.Equal(401, missing.StatusCode);
        Assert.Equal(401, wrongAudience.StatusCode);
        Assert.Equal("Bearer", missing.Headers!["WWW-Authenticate"]);
    }

    // Rule: the page's one signature verifies with openssl over the decoded policy (RSA-SHA1, the fixture's public key).
    [Fact]
    public async Task List_Signature_VerifiesWithOpenssl()
    {
        var space = await SpaceWithImagesAsync("mallory", 1);
        var url = Json((await _sut.ListAsync(space, _sut.Token("mallory"))).Body!).GetProperty("images")[0].GetProperty("url").GetString()!;
        var query = SignedUrlQuery.Parse(url);
        var dir = Directory.CreateTempSubdirectory("gallery-openssl");
        try
        {
            var policyFile = Path.Combine(dir.FullName, "policy.json");
            var signatureFile = Path.Combine(dir.FullName, "sig.bin");
            await File.WriteAllBytesAsync(policyFile, SignedUrlQuery.Decode(query["Policy"]));
            await File.WriteAllBytesAsync(signatureFile, SignedUrlQuery.Decode(query["Signature"]));

            var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync(
                "openssl", ["dgst", "-sha1", "-verify", TestPaths.Fixture("cloudfront", "test-public-key.pem"), "-signature", signatureFile, policyFile],
                TimeSpan.FromMinutes(1));

            Assert.True(exitCode == 0, stdout + stderr);
            Assert.Contains("Verified OK", stdout, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
