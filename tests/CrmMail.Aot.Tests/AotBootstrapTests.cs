using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmMail.LocalRuntime;
using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>The real Native-AOT bootstrap binary against a Runtime API server in the test.</summary>
[Trait("Category", "Integration")]
public sealed partial class AotBootstrapTests(AotPublishFixture publish) : IClassFixture<AotPublishFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Publish_TestFunction_SucceedsWithZeroTrimOrAotWarnings()
    {
        Assert.True(publish.PublishExitCode == 0, publish.PublishLog);
        Assert.True(File.Exists(publish.Binary), "no bootstrap binary in " + publish.OutputDirectory);
        var warnings = WarningPattern().Matches(publish.PublishLog).Select(m => m.Value).Distinct().ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
        // The log really went through the IL compiler (otherwise "no warnings" would prove nothing).
        Assert.Contains("Generating native code", publish.PublishLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_NeedsNoGlibcNewerThan2_34()
    {
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("objdump", ["-T", publish.Binary], Timeout);
        Assert.True(exitCode == 0, stderr);

        var versions = GlibcVersionPattern().Matches(stdout).Select(m => Version.Parse(m.Groups[1].Value)).Distinct().ToList();

        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.True(v <= new Version(2, 34), $"needs GLIBC_{v}"));
    }

    [Fact]
    public async Task Binary_ApiGatewayEventAndHandlerException_AnswersAndCarriesOn()
    {
        await using var runtime = await LocalRuntimeApi.StartAsync();
        using var process = Start(runtime, new Dictionary<string, string>());
        try
        {
            var echo = await runtime.InvokeAsync(Event("GET", "/echo", "q=1"), Timeout);
            var failure = await runtime.InvokeAsync(Event("POST", "/throw", null), Timeout);
            var again = await runtime.InvokeAsync(Event("GET", "/echo", "q=2"), Timeout);

            Assert.False(echo.IsError, Encoding.UTF8.GetString(echo.Body));
            using var response = JsonDocument.Parse(echo.Body);
            Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
            using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
            Assert.Equal("GET", body.RootElement.GetProperty("Method").GetString());
            Assert.Equal("1", body.RootElement.GetProperty("Query").GetString());
            Assert.Equal("203.0.113.9", body.RootElement.GetProperty("SourceIp").GetString());
            Assert.Equal(echo.RequestId, body.RootElement.GetProperty("RequestId").GetString());
            Assert.True(body.RootElement.GetProperty("HasTimeLeft").GetBoolean());

            Assert.True(failure.IsError);
            Assert.Equal("InvalidOperationException", failure.ErrorType);
            using var error = JsonDocument.Parse(failure.Body);
            Assert.Equal("requested failure", error.RootElement.GetProperty("errorMessage").GetString());

            Assert.False(again.IsError);
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill();
        }
    }

    [Fact]
    public async Task Binary_FailingInitialisation_ReportsInitErrorAndExitsNonZero()
    {
        await using var runtime = await LocalRuntimeApi.StartAsync();
        using var process = Start(runtime, new Dictionary<string, string> { ["AOT_TEST_FAIL_INIT"] = "REPORTS_BUCKET missing" });

        var report = await runtime.InitError.WaitAsync(Timeout);
        using var exited = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(exited.Token);

        Assert.Equal("InvalidOperationException", report.ErrorType);
        Assert.Contains("REPORTS_BUCKET missing", Encoding.UTF8.GetString(report.Body), StringComparison.Ordinal);
        Assert.NotEqual(0, process.ExitCode);
    }

    private Process Start(LocalRuntimeApi runtime, Dictionary<string, string> environment)
    {
        Assert.True(File.Exists(publish.Binary), publish.PublishLog);
        var info = new ProcessStartInfo(publish.Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.Address;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "aot-test";
        info.Environment["AWS_LAMBDA_LOG_FORMAT"] = "JSON";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static byte[] Event(string method, string path, string? query)
    {
        var template = File.ReadAllText(TestPaths.Fixture("events", "apigateway-rest-proxy.powertools-python.json"));
        using var document = JsonDocument.Parse(template);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "httpMethod": writer.WriteString("httpMethod", method); break;
                    case "path": writer.WriteString("path", path); break;
                    case "queryStringParameters" when query is not null:
                        writer.WriteStartObject("queryStringParameters");
                        writer.WriteString(query.Split('=')[0], query.Split('=')[1]);
                        writer.WriteEndObject();
                        break;
                    case "requestContext":
                        writer.WritePropertyName("requestContext");
                        writer.WriteRawValue(property.Value.GetRawText().Replace("192.168.0.1/32", "203.0.113.9", StringComparison.Ordinal));
                        break;
                    default: property.WriteTo(writer); break;
                }
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    [GeneratedRegex(@"warning (IL\d{4}|CS\d{4}|NU\d{4})[^\r\n]*")]
    private static partial Regex WarningPattern();

    [GeneratedRegex(@"GLIBC_(\d+\.\d+(?:\.\d+)?)")]
    private static partial Regex GlibcVersionPattern();
}
