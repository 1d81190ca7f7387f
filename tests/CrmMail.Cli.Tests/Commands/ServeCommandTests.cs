using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail serve</c>: its flags, and the real command starting, printing its URLs and serving them.</summary>
public sealed partial class ServeCommandTests
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

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Serve_AsAProcess_PrintsItsUrls_AndServesThePagesAndTheApi()
    {
        var data = Path.Combine(Path.GetTempPath(), "crm-mail-serve-" + Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "crm-mail.dll"), "serve", "--port", "0", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        try
        {
            var lines = new List<string>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.StartsWith("Ctrl+C", StringComparison.Ordinal))
                {
                    break;
                }
            }

            var output = string.Join('\n', lines);
            var baseUrl = new Uri(Listening().Match(output).Groups[1].Value);
            Assert.Contains($"POST   {baseUrl}local/send-mail", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "keys", "cloudfront-private.pem")));

            using var http = new HttpClient { BaseAddress = baseUrl };
            Assert.Contains("Local suite", await http.GetStringAsync("/"), StringComparison.Ordinal);
            using var refused = await http.PostAsync("local/send-mail", new StringContent("{}"));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [GeneratedRegex("listening on (http://127\\.0\\.0\\.1:\\d+/)")]
    private static partial Regex Listening();
}
