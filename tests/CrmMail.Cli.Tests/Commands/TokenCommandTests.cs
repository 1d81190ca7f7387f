using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using CrmMail.Tests.Shared;

namespace CrmMail.Cli.Tests.Commands;

[Trait("Category", "Integration")]
public sealed class TokenCommandTests : IAsyncLifetime
{
    private MotoServer _moto = null!;

    public async Task InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", MotoServer.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey);
        var credentials = new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey);
        using var kms = new AmazonKeyManagementServiceClient(credentials, new AmazonKeyManagementServiceConfig { ServiceURL = _moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });
        var key = await kms.CreateKeyAsync(new CreateKeyRequest());
        await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = "alias/cli-test", TargetKeyId = key.KeyMetadata.KeyId });
        using var dynamo = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = _moto.Url.ToString(), AuthenticationRegion = MotoServer.Region });
        await dynamo.CreateTableAsync(new CreateTableRequest { TableName = "keys", AttributeDefinitions = [new("keyId", "S")], KeySchema = [new("keyId", "HASH")], BillingMode = "PAY_PER_REQUEST" });
    }

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    private string[] Common => ["--endpoint-url", _moto.Url.ToString(), "--region", MotoServer.Region, "--key-id", "alias/cli-test", "--keys-table", "keys"];

    [Fact]
    public async Task SealThenOpen_PrintsTheTokenAloneThenItsPayload()
    {
        var (sealExit, sealOut, sealErr) = await SignUrlCommandTests.Run(["token", "seal", "--email", "payee@example.com", "--topic", "financial", "--purpose", "resubscribe", .. Common]);
        Assert.True(sealExit == 0, sealErr);
        var token = Assert.Single(sealOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var (openExit, openOut, openErr) = await SignUrlCommandTests.Run(["token", "open", token, "--purpose", "resubscribe", .. Common]);

        Assert.True(openExit == 0, openErr);
        using var json = JsonDocument.Parse(openOut);
        Assert.Equal("payee@example.com", json.RootElement.GetProperty("email").GetString());
        Assert.Equal("financial", json.RootElement.GetProperty("topic").GetString());
        Assert.Equal("resubscribe", json.RootElement.GetProperty("purpose").GetString());
    }

    [Fact]
    public async Task Open_RejectedToken_OneLineAndExitCode1()
    {
        var (sealExit, sealOut, _) = await SignUrlCommandTests.Run(["token", "seal", "--email", "payee@example.com", "--topic", "financial", .. Common]);
        Assert.Equal(0, sealExit);

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["token", "open", sealOut.Trim(), "--purpose", "resubscribe", .. Common]);

        Assert.Equal(1, exitCode);
        Assert.Empty(stdout);
        Assert.Equal("crm-mail: token rejected: WrongPurpose", stderr.Trim());
    }

    // Rule: a missing or unknown action, a bad address or an unknown topic is refused before any AWS call.
    [Theory]
    [InlineData("token")]
    [InlineData("token", "frob")]
    [InlineData("token", "seal", "--topic", "financial")]
    [InlineData("token", "seal", "--email", "a@example.com", "--topic", "financial", "--purpose", "other")]
    [InlineData("token", "seal", "--email", "not-an-address", "--topic", "financial")]
    [InlineData("token", "seal", "--email", "a@example.com", "--topic", "newsletter")]
    public async Task BadUsage_IsExitCode2(params string[] args)
    {
        var (exitCode, _, stderr) = await SignUrlCommandTests.Run([.. args, .. Common]);

        Assert.Equal(2, exitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    // Rule: an AWS error (here a KMS alias that does not exist) is one line and exit code 1, no stack trace.
    [Fact]
    public async Task Seal_MissingKmsAlias_OneLineAndExitCode1()
    {
        string[] common = ["--endpoint-url", _moto.Url.ToString(), "--region", MotoServer.Region, "--key-id", "alias/no-such-key", "--keys-table", "keys"];

        var (exitCode, stdout, stderr) = await SignUrlCommandTests.Run(["token", "seal", "--email", "payee@example.com", "--topic", "financial", .. common]);

        Assert.Equal(CliApp.Failed, exitCode);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("crm-mail: AWS error NotFoundException", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
