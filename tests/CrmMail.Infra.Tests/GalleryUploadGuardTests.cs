using System.Text;
using CrmMail.Infra.Edge;
using CrmMail.Tests.Shared;

namespace CrmMail.Infra.Tests;

/// <summary>The upload behaviour's CloudFront Function, run by node over CloudFront Functions events.</summary>
[Trait("Category", "Integration")]
public sealed class GalleryUploadGuardTests
{
    private const string Url = "https://d111.cloudfront.net/spaces/demo-a/20261123120000-0123456789abcdef-x.png";

    private static string Policy(string resource)
        => Convert.ToBase64String(Encoding.ASCII.GetBytes("{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1900000000}}}]}"))
            .Replace('+', '-').Replace('=', '_').Replace('/', '~');

    private static async Task<string> RunAsync(string method, string policyResource, string contentType, string contentLength, string size = "5", bool canned = false)
    {
        var query = $"{{size:{{value:'{size}'}},type:{{value:'image%2Fpng'}},Policy:{{value:'{Policy(policyResource)}'}}{(canned ? ",Expires:{value:'1'}" : string.Empty)}}}";
        var script = "const fs = require('fs');\n"
            + "eval(fs.readFileSync(process.argv[1], 'utf8'));\n"
            + "const headers = {host: {value: 'd111.cloudfront.net'}, 'content-type': {value: '" + contentType + "'}, 'content-length': {value: '" + contentLength + "'}};\n"
            + "const request = {method: '" + method + "', uri: '/spaces/demo-a/20261123120000-0123456789abcdef-x.png', querystring: " + query + ", headers: headers};\n"
            + "const result = handler({context: {distributionDomainName: 'd111.cloudfront.net'}, request: request});\n"
            + "console.log(result.statusCode ? result.headers['x-upload-guard'].value : 'pass');\n";
        var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["-e", script, GalleryUploadGuard.SourcePath], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, stderr);
        return stdout.Trim();
    }

    // Rule: a PUT signed for exactly its URL, size and type, with matching Content-Type and Content-Length, passes.
    [Fact]
    public async Task Put_MatchingTicket_Passes()
        => Assert.Equal("pass", await RunAsync("PUT", Url + "?size=5&type=image%2Fpng", "image/png", "5"));

    // Rule: headers other than the signed size and type, a wildcard (download) policy, a canned policy, or another method are refused.
    [Theory]
    [InlineData("PUT", Url + "?size=5&type=image%2Fpng", "image/gif", "5", "content-type")]
    [InlineData("PUT", Url + "?size=5&type=image%2Fpng", "image/png", "6", "content-length")]
    [InlineData("PUT", "https://d111.cloudfront.net/spaces/demo-a/*", "image/png", "5", "resource")]
    [InlineData("PUT", Url + "?size=9&type=image%2Fpng", "image/png", "5", "resource")]
    [InlineData("DELETE", Url + "?size=5&type=image%2Fpng", "image/png", "5", "method")]
    public async Task Put_OutsideTheTicket_Refused(string method, string resource, string contentType, string contentLength, string reason)
        => Assert.Equal(reason, await RunAsync(method, resource, contentType, contentLength));

    // Rule: downloads (GET) pass to the signed-URL check unchanged.
    [Fact]
    public async Task Get_Passes()
        => Assert.Equal("pass", await RunAsync("GET", "https://d111.cloudfront.net/spaces/demo-a/*", "", ""));

    // Rule: a canned-policy PUT (Expires) is refused: only an upload ticket's custom policy carries the size and type.
    [Fact]
    public async Task Put_CannedPolicy_Refused()
        => Assert.Equal("parameters", await RunAsync("PUT", Url + "?size=5&type=image%2Fpng", "image/png", "5", canned: true));
}
