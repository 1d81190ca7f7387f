
namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail serve</c>: its flags, and the real command starting, printing its URLs and serving them.</summary>
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--aws-endpoint", "not a url")]
    [InlineData("--aws-endpoint", "ftp://127.0.0.1:5000")]
    [InlineData("--stage", "a/b")]
    [InlineData("--provision")]
    [InlineData("--unknown", "1")]
    public async Task BadFlags_AreUsageErrors_WithOneLineSayingWhatToFix(params string[] flags)
    {
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["serve", .. flags]);

        Assert.Equal(CliApp.UsageError, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith("crm-mail: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // Rule: a busy port is one line on stderr and exit code 1, not Kestrel's stack trace.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Serve_PortInUse_OneLineAndExitCode1()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var data = Path.Combine(Path.GetTempPath(), "crm-mail-busy-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, _, stderr) = await SignUrlCommandTests.Run("serve", "--port", port, "--data", data);

            Assert.Equal(CliApp.Failed, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"crm-mail: port {port} on 127.0.0.1 is in use (another serve?); pick another with --port, or --port 0 for any free one", line);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Serve_AsAProcess_PrintsItsUrls_AndServesThePagesAndTheApi()
    {
        await using var serve = await ServeProcess.StartAsync();

        var output = serve.Output;
        var baseUrl = serve.BaseUrl;
        Assert.Contains($"POST   {baseUrl}local/send-mail", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(serve.DataDirectory, "keys", "cloudfront-private.pem")));

        using var http = new HttpClient { BaseAddress = baseUrl };
        Assert.Contains("Local suite", await http.GetStringAsync("/"), StringComparison.Ordinal);
        using var refused = await http.PostAsync("local/send-mail", new StringContent("{}"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
