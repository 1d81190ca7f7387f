using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SecretsManager;
using CrmMail.Tests.Shared;

namespace CrmMail.Aws.Tests;

/// <summary>The hand-written CreateSecret, PutSecretValue, GetSecretValue and DeleteSecret (the key-pair custom resource's calls) against moto_server.</summary>
[Trait("Category", "Integration")]
public sealed class SecretsManagerOperationsTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private MotoServer? _moto;

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync();

    public async Task DisposeAsync() => await _moto!.DisposeAsync();

    public void Dispose() => _http.Dispose();

    // Rule: the four calls round-trip as AWSSDK's would: CreateSecret answers the ARN and name, PutSecretValue makes a new current version, DeleteSecret schedules the deletion.
    [Fact]
    public async Task CreatePutGetDelete_AgainstMoto_RoundTrip()
    {
        var sut = Client();

        var created = await sut.CreateSecretAsync(new CreateSecretRequest { Name = "files/key-1", SecretString = "v1", Description = "test", ClientRequestToken = new string('a', 32) }, default);
        var put = await sut.PutSecretValueAsync(new PutSecretValueRequest { SecretId = created.ARN!, SecretString = "v2", ClientRequestToken = new string('b', 32) }, default);
        var read = await sut.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "files/key-1" }, default);
        var deleted = await sut.DeleteSecretAsync(new DeleteSecretRequest { SecretId = created.ARN!, RecoveryWindowInDays = 7 }, default);

        Assert.StartsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:files/key-1-", created.ARN, StringComparison.Ordinal);
        Assert.Equal("files/key-1", created.Name);
        Assert.Equal(new string('b', 32), put.VersionId);
        Assert.Equal(("v2", created.ARN), (read.SecretString, read.ARN));
        Assert.Equal(created.ARN, deleted.ARN);
        Assert.NotNull(deleted.DeletionDate);
    }

    // Rule: a refusal carries the service's error code without its namespace (ResourceExistsException, ResourceNotFoundException), as AWSSDK's exception does.
    [Fact]
    public async Task Refusals_AgainstMoto_CarryTheServicesErrorCode()
    {
        var sut = Client();
        await sut.CreateSecretAsync(new CreateSecretRequest { Name = "dup", SecretString = "x" }, default);

        var exists = await Assert.ThrowsAsync<AmazonSecretsManagerException>(() => sut.CreateSecretAsync(new CreateSecretRequest { Name = "dup", SecretString = "y" }, default));
        var missing = await Assert.ThrowsAsync<AmazonSecretsManagerException>(() => sut.DeleteSecretAsync(new DeleteSecretRequest { SecretId = "missing", RecoveryWindowInDays = 7 }, default));

        Assert.Equal(("ResourceExistsException", 400), (exists.ErrorCode, exists.StatusCode));
        // AWS answers 400; moto answers 404 for a missing secret: the code is what callers test.
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        Assert.InRange(missing.StatusCode, 400, 499);
    }

    private SecretsManagerClient Client()
        => new(_http, MotoServer.Region, _moto!.Url, new StaticAwsCredentialsSource(new ImmutableCredentials(MotoServer.AccessKey, MotoServer.SecretKey, null)), TimeProvider.System);
}
