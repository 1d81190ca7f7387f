using System.Text.Json;

namespace CrmMail.Cli.Tests.Commands;

/// <summary>
/// crm-mail invoke against stand-in "functions" written in bash and curl: they speak the
/// Runtime API as a real bootstrap does, so the command is tested without building one.
/// </summary>
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InvokeCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("invoke-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Script(string name, string body)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, "#!/usr/bin/env bash\nset -eu\napi=\"http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime\"\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string Event()
    {
        var path = Path.Combine(_dir.FullName, "event.json");
        File.WriteAllText(path, """{"hello":"world"}""");
        return path;
    }

    [Fact]
    public async Task Invoke_EchoFunction_PrintsTheResponseAndTheMeasurements()
    {
        var binary = Script("echo", """
            headers=$(mktemp)
            body=$(curl -sS -D "$headers" "$api/invocation/next")
            id=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$headers" | tr -d '\r' | awk '{print $2}')
            curl -sS -X POST "$api/invocation/$id/response" -d "{\"echo\":$body,\"fn\":\"$AWS_LAMBDA_FUNCTION_NAME\"}" >/dev/null
            sleep 30
            """);

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("invoke", "Unsubscribe", "--event", Event(), "--binary", binary, "--timeout", "30");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("world", json.RootElement.GetProperty("echo").GetProperty("hello").GetString());
        Assert.Equal("Unsubscribe", json.RootElement.GetProperty("fn").GetString());
        Assert.Matches(@"crm-mail: aot Unsubscribe: first_response_ms=\d+\.\d invoke_ms=\d+\.\d peak_rss_mb=\d+\.\d", stderr);
    }

    [Fact]
    public async Task Invoke_FunctionReportingInitError_PrintsItAndExits1()
    {
        var binary = Script("init-error", """
            curl -sS -X POST "$api/init/error" -H 'Lambda-Runtime-Function-Error-Type: ConfigurationException' \
              -H 'Content-Type: application/vnd.aws.lambda.error+json' -d '{"errorType":"ConfigurationException","errorMessage":"SES_CONTACT_LIST_NAME is not set."}' >/dev/null
            exit 1
            """);

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("invoke", "Unsubscribe", "--event", Event(), "--binary", binary, "--timeout", "30");

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Contains("init error", stderr, StringComparison.Ordinal);
        Assert.Contains("SES_CONTACT_LIST_NAME is not set.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FunctionThatDies_Exits1()
    {
        var (exitCode, _, stderr) = await SignUrlCommandTests.Run("invoke", "Unsubscribe", "--event", Event(), "--binary", "/bin/false", "--timeout", "30");

        Assert.Equal(1, exitCode);
        Assert.Contains("exited before answering", stderr, StringComparison.Ordinal);
    }

    // Rule: a --binary that cannot run is a one-line usage error before any runtime starts.
    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    [InlineData("not-executable")]
    public async Task Invoke_BinaryThatCannotRun_OneLineAndExitCode2(string kind)
    {
        var path = Path.Combine(_dir.FullName, kind);
        if (kind == "directory")
        {
            Directory.CreateDirectory(path);
        }
        else if (kind == "not-executable")
        {
            File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run("invoke", "Unsubscribe", "--event", Event(), "--binary", path, "--timeout", "5");

        Assert.Equal(CliApp.UsageError, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("crm-mail: --binary", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoke", "Unsubscribe")]
    [InlineData("invoke", "Unsubscribe", "--event", "/no/such/file.json")]
    [InlineData("invoke", "NoSuchFunction", "--event", "/etc/hostname")]
    public async Task Invoke_BadUsage_Exits2(params string[] args)
        => Assert.Equal(2, (await SignUrlCommandTests.Run(args)).ExitCode);
}
