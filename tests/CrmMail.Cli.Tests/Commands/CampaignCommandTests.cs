using System.Net;
using System.Net.Sockets;

namespace CrmMail.Cli.Tests.Commands;

/// <summary><c>crm-mail campaign send|status</c> against a real <c>serve</c> process (its campaign API and outbox).</summary>
public sealed class CampaignCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "crm-mail-campaign-cli-" + Guid.NewGuid().ToString("N"));

    public CampaignCommandTests()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "body.html"), "<p>Your statement is ready.</p>");
        File.WriteAllText(Path.Combine(_folder, "body.txt"), "Your statement is ready.");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Rule: send posts the list, follows the campaign until completed and prints the summary counts; exit 0; the outbox holds one message per distinct recipient.
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_AgainstServe_CompletesAndPrintsTheSummary(bool upload)
    {
        await using var serve = await ServeProcess.StartAsync();
        var list = List("email\npayee1@example.com\npayee2@example.com\nPayee1@example.com\npayee3@example.com\n");
        // Without --api-key the key comes from serve's data folder.
        string[] uploadFlag = upload ? ["--inline-max", "1"] : [];
        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["campaign", "send", .. Common(list), "--api", serve.StageUrl.ToString(), "--data", serve.DataDirectory, .. uploadFlag]);

        Assert.True(exitCode == 0, stdout + stderr);
        Assert.Contains("completed: 3 sent, 0 suppressed, 0 failed, 0 pending of 3", stdout, StringComparison.Ordinal);
        Assert.Contains(upload ? "list uploaded" : "queued (3 recipients)", stderr, StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(serve.DataDirectory, "outbox"), "*.eml").Length);

        var id = System.Text.RegularExpressions.Regex.Match(stderr, "campaign (\\S+) queued").Groups[1].Value;
        var (statusCode, status, statusErr) = await SignUrlCommandTests.Run("campaign", "status", id, "--api", serve.StageUrl.ToString(), "--api-key", serve.ApiKey);
        Assert.True(statusCode == 0, status + statusErr);
        Assert.Contains($"campaign {id} completed: 3 sent", status, StringComparison.Ordinal);
    }

    // Rule: the same send run again (same input, so the same Idempotency-Key) follows the first campaign and sends nothing
    // twice, inline or uploaded (the second run uploads the list again under a new key; the API knows it by its content).
    [Theory]
    [Trait("Category", "Integration")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_RunTwice_SendsOnce(bool upload)
    {
        await using var serve = await ServeProcess.StartAsync();
        var list = List("payee1@example.com\npayee2@example.com\n");
        string[] uploadFlag = upload ? ["--inline-max", "1"] : [];
        string[] args = ["campaign", "send", .. Common(list), "--api", serve.StageUrl.ToString(), "--api-key", serve.ApiKey, .. uploadFlag];

        var first = await SignUrlCommandTests.Run(args);
        var second = await SignUrlCommandTests.Run(args);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.StdErr + second.StdErr);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(serve.DataDirectory, "outbox"), "*.eml").Length);
    }

    // Rule: a bad CSV row fails the command before anything is sent, naming its line.
    [Fact]
    public async Task Send_BadRow_ExitsNonZeroNamingTheLine()
    {
        var list = List("email\nok@example.com\nnot-an-address\n");

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run(["campaign", "send", .. Common(list), "--api", "http://127.0.0.1:9/local", "--api-key", "k"]);

        Assert.Equal(CliApp.Failed, exitCode);
        Assert.Contains("Line 3:", stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", stderr, StringComparison.Ordinal);
    }

    // Rule: an API error prints its code, message and every detail, exit 1.
    [Fact]
    [Trait("Category", "Integration")]
    public async Task Send_ApiRefuses_PrintsTheErrorAndItsDetails()
    {
        await using var serve = await ServeProcess.StartAsync();
        var list = List("payee1@example.com\n");

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run(["campaign", "send", .. Common(list), "--from", "not a sender", "--api", serve.StageUrl.ToString(), "--api-key", serve.ApiKey]);

        Assert.Equal(CliApp.Failed, exitCode);
        Assert.Contains("the API answered 400", stderr, StringComparison.Ordinal);
        Assert.Contains("  from: Not a valid sender", stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(serve.DataDirectory, "outbox"), "*.eml"));
    }

    // Rule: an unreachable API is a clear one-line failure, exit 1.
    [Fact]
    public async Task Status_NothingListening_ExitsNonZeroNamingTheAddress()
    {
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;

        var (exitCode, _, stderr) = await SignUrlCommandTests.Run("campaign", "status", "c-1", "--api", $"http://127.0.0.1:{port}/local", "--api-key", "k");

        Assert.Equal(CliApp.Failed, exitCode);
        Assert.Contains($"cannot reach http://127.0.0.1:{port}", stderr, StringComparison.Ordinal);
    }

    private string List(string content)
    {
        var path = Path.Combine(_folder, "payees.csv");
        File.WriteAllText(path, content);
        return path;
    }

    private string[] Common(string list) =>
        ["--recipients", list, "--subject", "Your statement", "--html", Path.Combine(_folder, "body.html"), "--text", Path.Combine(_folder, "body.txt")];
}
