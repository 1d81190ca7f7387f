using CrmMail.Routes;
using Microsoft.OpenApi;

namespace CrmMail.Cli.Tests.Commands;

public class OpenApiCommandTests
{
    // Rule: `crm-mail openapi` prints the whole document (every route of the table), readable by the OpenAPI reader without errors.
    [Fact]
    public async Task Run_NoFlags_PrintsTheDocumentOnStdout()
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("openapi", "--server", "https://api.example.com/prod");

        Assert.True(exitCode == CliApp.Ok, stderr);
        var read = OpenApiDocument.Parse(stdout, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal("https://api.example.com/prod", Assert.Single(read.Document!.Servers!).Url);
        Assert.Equal(RouteTable.All.Count, read.Document.Paths.Sum(p => p.Value.Operations!.Count));
    }

    // Rule: --out writes the same document to the file and leaves stdout empty.
    [Fact]
    public async Task Run_Out_WritesTheFile()
    {
        var file = Path.Combine(Path.GetTempPath(), "crm-mail-openapi-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("openapi", "--out", file);

            Assert.True(exitCode == CliApp.Ok, stderr);
            Assert.Empty(stdout);
            Assert.Empty(OpenApiDocument.Parse(File.ReadAllText(file), "json").Diagnostic!.Errors);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Rule: a --server that is not an http(s) URL is a usage error (exit 2), one line naming the flag.
    [Fact]
    public async Task Run_BadServer_IsAUsageError()
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("openapi", "--server", "not a url");

        Assert.Equal(CliApp.UsageError, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith("crm-mail: --server 'not a url'", stderr, StringComparison.Ordinal);
    }
}
