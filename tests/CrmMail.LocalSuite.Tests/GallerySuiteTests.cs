using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmMail.LocalSuite.Gallery;

namespace CrmMail.LocalSuite.Tests;

/// <summary>The gallery under serve, over real HTTP: sample spaces, the API, the CloudFront stand-in's GET and signed PUT, membership changes seen live.</summary>
public sealed class GallerySuiteTests : IAsyncLifetime
{
    private SuiteHarness _suite = null!;

    public async Task InitializeAsync() => _suite = await SuiteHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _suite.DisposeAsync();
        _suite.DeleteData();
    }

    private async Task<string> TokenAsync(string uid)
    {
        using var response = await _suite.Http.PostAsync("gallery/token", new StringContent(JsonSerializer.Serialize(new { uid }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await SuiteHarness.JsonAsync(response)).RootElement.GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> ListAsync(string uid, string space)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"local/spaces/{space}/images");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(uid));
        return await _suite.Http.SendAsync(request);
    }

    private async Task<JsonElement> TicketAsync(string uid, string space, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"local/spaces/{space}/uploads") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(uid));
        using var response = await _suite.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await SuiteHarness.JsonAsync(response)).RootElement.Clone();
    }

    private Task<HttpResponseMessage> PutAsync(string url, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return _suite.Http.PutAsync(url, content);
    }

    // Rule: serve seeds demo-a and demo-b with generated PNGs; a member's page loads every thumbnail through the CloudFront stand-in.
    [Fact]
    public async Task Serve_SampleSpace_ListsGeneratedImagesServedByTheStandIn()
    {
        using var response = await ListAsync("local-alice", "demo-a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var images = (await SuiteHarness.JsonAsync(response)).RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(4, images.Count);
        foreach (var image in images)
        {
            using var cdn = await _suite.Http.GetAsync(image.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, cdn.StatusCode);
            Assert.Equal("image/png", cdn.Content.Headers.ContentType!.MediaType);
            var bytes = await cdn.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Equal(image.GetProperty("size").GetInt64(), bytes.Length);
        }
    }

    // Rule: a grant written by another process (the CLI's --data) is seen by the running serve without a restart.
    [Fact]
    public async Task Serve_GrantFromAnotherWriter_TakesEffectWithoutRestart()
    {
        using (var before = await ListAsync("local-bob", "demo-a"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        Assert.True(await new FileSpaceMembership(Path.Combine(_suite.Suite.Data.State, "space-members.json")).GrantAsync("local-bob", "demo-a", default));

        using var after = await ListAsync("local-bob", "demo-a");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    // Rule: the stand-in accepts the signed PUT with the declared type and length, stores it in the bucket folder, and the gallery lists it.
    [Fact]
    public async Task Serve_SignedPut_StoredAndListed()
    {
        var png = SampleImages.Png(8, 8, 0x000000, 0xFFFFFF, 1);
        var ticket = await TicketAsync("local-alice", "demo-b", new { fileName = "my pic.png", contentType = "image/png", size = png.Length });

        using var put = await PutAsync(ticket.GetProperty("url").GetString()!, png, "image/png");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var key = ticket.GetProperty("key").GetString()!;
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(_suite.Suite.Data.Reports, key)));
        using var list = await ListAsync("local-alice", "demo-b");
        var listed = (await SuiteHarness.JsonAsync(list)).RootElement.GetProperty("images").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);
        Assert.Equal("my-pic.png", listed.GetProperty("name").GetString());
    }

    // Rule: the stand-in refuses a PUT with another type or length than signed, an unsigned PUT, an expired one, and a PUT signed with a page's wildcard (download) policy.
    [Fact]
    public async Task Serve_PutOutsideTheTicket_RefusedAndNothingStored()
    {
        var png = SampleImages.Png(8, 8, 0x000000, 0xFFFFFF, 2);
        var ticket = await TicketAsync("local-alice", "demo-a", new { fileName = "x.png", contentType = "image/png", size = png.Length });
        var url = ticket.GetProperty("url").GetString()!;
        var key = ticket.GetProperty("key").GetString()!;
        using var list = await ListAsync("local-alice", "demo-a");
        var pageUrl = (await SuiteHarness.JsonAsync(list)).RootElement.GetProperty("images")[0].GetProperty("url").GetString()!;
        var pageQuery = pageUrl[(pageUrl.IndexOf('?', StringComparison.Ordinal) + 1)..];

        async Task<string?> Refusal(string target, byte[] body, string type)
        {
            using var response = await PutAsync(target, body, type);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            return response.Headers.TryGetValues("X-Local-Reason", out var values) ? values.Single() : null;
        }

        Assert.Equal("ContentTypeMismatch", await Refusal(url, png, "image/gif"));
        Assert.Equal("ContentLengthMismatch", await Refusal(url, [.. png, 0], "image/png"));
        Assert.Equal("MissingParameters", await Refusal(url[..url.IndexOf("&Policy=", StringComparison.Ordinal)], png, "image/png"));
        Assert.Equal("NotAnUploadPolicy", await Refusal($"{_suite.Suite.BaseUrl}cdn/spaces/demo-a/forged.png?size={png.Length}&type=image%2Fpng&{pageQuery}", png, "image/png"));
        _suite.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Expired", await Refusal(url, png, "image/png"));
        Assert.False(File.Exists(Path.Combine(_suite.Suite.Data.Reports, key)));
        Assert.False(File.Exists(Path.Combine(_suite.Suite.Data.Reports, "spaces", "demo-a", "forged.png")));
    }

    // Rule: the gallery page is served with its controls and no external script.
    [Fact]
    public async Task Serve_GalleryPage_HasControlsAndNoExternalScript()
    {
        var html = await _suite.PageAsync("gallery");

        Assert.Contains("id=\"signin\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"expiry\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"file\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
    }
}
