using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmMail.LocalRuntime;
using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>The real Native-AOT bootstrap binary against a Runtime API server in the test.</summary>
[Trait("Category", "Integration")]
public sealed class AotBootstrapTests(TestFunctionPublish publish) : IClassFixture<TestFunctionPublish>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Publish_TestFunction_SucceedsWithZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

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
            // Directory.Build.props compiles the functions' gen0 cap into the binary (Native AOT ignores DOTNET_GC* variables).
            Assert.Equal(6 * 1024 * 1024, body.RootElement.GetProperty("Gen0MaxBudget").GetInt64());

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
    public async Task Binary_EcdsaSigning_BindsLibCryptoAndSignsAVerifiableUrl()
    {
        await using var runtime = await LocalRuntimeApi.StartAsync();
        using var process = Start(runtime, new Dictionary<string, string> { ["AOT_TEST_SIGNING_KEY"] = TestPaths.Fixture("cloudfront", "test-ecdsa-p256-private-key.pem") });
        try
        {
            var signed = await runtime.InvokeAsync(Event("GET", "/sign", null), Timeout);

            Assert.False(signed.IsError, Encoding.UTF8.GetString(signed.Body));
            using var response = JsonDocument.Parse(signed.Body);
            using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
            // The per-thread libcrypto contexts, not the ECDsa fallback, in the published binary.
            Assert.True(body.RootElement.GetProperty("LibCrypto").GetBoolean());
            var query = SignedUrlQuery.Parse(body.RootElement.GetProperty("Url").GetString()!);
            var policy = """{"Statement":[{"Resource":"https://d1.example.net/a.pdf","Condition":{"DateLessThan":{"AWS:EpochTime":1900000000}}}]}""";
            var signature = SignedUrlQuery.Decode(query["Signature"]);
            using var publicKey = System.Security.Cryptography.ECDsa.Create();
            publicKey.ImportFromPem(File.ReadAllText(TestPaths.Fixture("cloudfront", "test-ecdsa-p256-public-key.pem")));
            Assert.True(publicKey.VerifyData(Encoding.ASCII.GetBytes(policy), signature, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence));
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

    private Process Start(LocalRuntimeApi runtime, Dictionary<string, string> environment) => AotAssertions.Start(publish, runtime, environment);

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
}
