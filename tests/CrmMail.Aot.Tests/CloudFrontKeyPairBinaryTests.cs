using System.Net;
using System.Text;
using System.Text.Json;
using CrmMail.LocalRuntime;
using CrmMail.Tests.Shared;

namespace CrmMail.Aot.Tests;

/// <summary>functions/CloudFrontKeyPair (the SigningKeyPair custom resource).</summary>
public sealed class CloudFrontKeyPairPublish() : AotPublishFixture("functions/CloudFrontKeyPair/CloudFrontKeyPair.csproj");

/// <summary>The key-pair custom resource as a real Native-AOT binary: clean publish, glibc, and one Create end to end against moto.</summary>
[Trait("Category", "Integration")]
public sealed class CloudFrontKeyPairBinaryTests(CloudFrontKeyPairPublish publish) : IClassFixture<CloudFrontKeyPairPublish>
{
    // Rule: the custom-resource function publishes under Native AOT with zero trim/AOT warnings.
    [Fact]
    public void Publish_ZeroTrimOrAotWarnings() => AotAssertions.PublishedWithoutWarnings(publish);

    [Fact]
    public Task Binary_NeedsNoGlibcNewerThan2_34() => AotAssertions.NeedsNoGlibcNewerThan2_34(publish);

    // Rule: the AOT binary (source-generated JSON, RSA generation, SigV4) answers a Create: the secret is in Secrets Manager and the PUT answer carries only the public key.
    [Fact]
    public async Task Binary_CreateAgainstMoto_StoresTheKeyAndAnswersThePublicKey()
    {
        await using var moto = await MotoServer.StartAsync();
        using var listener = LoopbackHttpListener.Start(out var baseUrl);
        var answer = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.Close();
            return body;
        });
        await using var runtime = await LocalRuntimeApi.StartAsync();
        var output = new List<string>();
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_ENDPOINT_URL"] = moto.Url.ToString(),
            ["AWS_ACCESS_KEY_ID"] = MotoServer.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey,
        };
        using var process = AotAssertions.Start(publish, runtime, environment, output);
        try
        {
            var request = new Dictionary<string, object>
            {
                ["RequestType"] = "Create",
                ["ResponseURL"] = new Uri(baseUrl, "response").AbsoluteUri,
                ["StackId"] = "arn:aws:cloudformation:us-east-1:123456789012:stack/Files/1",
                ["RequestId"] = "aot-1",
                ["ResourceType"] = "Custom::CloudFrontKeyPair",
                ["LogicalResourceId"] = "SigningKey",
                ["ResourceProperties"] = new Dictionary<string, string> { ["ServiceToken"] = "arn:aws:lambda:us-east-1:123456789012:function:f", ["SecretNamePrefix"] = "Files/SigningKey" },
            };

            var result = await runtime.InvokeAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request)), TimeSpan.FromSeconds(60));

            Assert.False(result.IsError, FunctionBinary.Text(result.Body) + string.Join('\n', output));
            using var response = JsonDocument.Parse(await answer.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("SUCCESS", response.RootElement.GetProperty("Status").GetString());
            Assert.StartsWith("-----BEGIN PUBLIC KEY-----", response.RootElement.GetProperty("Data").GetProperty("PublicKeyPem").GetString(), StringComparison.Ordinal);
            var arn = response.RootElement.GetProperty("PhysicalResourceId").GetString()!;
            var (code, stdout, err) = await moto.Boto3Async("secretsmanager", $"print(json.loads(c.get_secret_value(SecretId='{arn}')['SecretString'])['privateKey'][:27])");
            Assert.True(code == 0, err);
            Assert.Equal("-----BEGIN PRIVATE KEY-----", stdout.Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
