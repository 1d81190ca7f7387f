using System.Security.Cryptography;
using System.Text.Json;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SecretsManager;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Lambda.TestUtilities;
using CrmMail.Signing.CloudFront;
using CrmMail.TestSupport;
using CrmMail.Tests.Shared;

namespace CrmMail.Functions.CloudFrontKeyPair.Tests;

/// <summary>The custom resource over the raw CloudFormation protocol, against moto_server's Secrets Manager and a local ResponseURL.</summary>
[Trait("Category", "Integration")]
public sealed class KeyPairHandlerTests : IAsyncLifetime, IDisposable
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/Files/1b2c";
    private const string Prefix = "Files/SigningKey";
    private static readonly DependencyPolicy Fast = DependencyPolicy.Default with { BaseDelay = TimeSpan.Zero };
    private readonly HttpClient _http = new();
    private MotoServer? _moto;

    private MotoServer Moto => _moto!;

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync();

    public async Task DisposeAsync() => await Moto.DisposeAsync();

    public void Dispose() => _http.Dispose();

    // Rule: Create makes the pair in AWS: the secret holds the private key, the answer (PUT, no Content-Type) holds the matching public key and never the private one; the physical id is the secret's ARN.
    [Fact]
    public async Task HandleAsync_Create_StoresThePrivateKeyAndAnswersItsPublicKey()
    {
        using var catcher = new ResponseCatcher();

        var outcome = await Handler().HandleAsync(Request("Create", catcher.Url, "req-1"), new TestLambdaContext());

        var (method, contentType, body) = Assert.Single(catcher.Received);
        Assert.Equal("PUT", method);
        Assert.Null(contentType);
        var answer = catcher.Last;
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
        Assert.Equal("req-1", answer.GetProperty("RequestId").GetString());
        Assert.Equal("SigningKey", answer.GetProperty("LogicalResourceId").GetString());
        Assert.Equal(StackId, answer.GetProperty("StackId").GetString());
        var arn = answer.GetProperty("PhysicalResourceId").GetString()!;
        Assert.StartsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + Prefix + "-", arn, StringComparison.Ordinal);
        Assert.Equal(outcome.PhysicalResourceId, arn);
        var data = answer.GetProperty("Data");
        Assert.Equal(arn, data.GetProperty("SecretArn").GetString());
        Assert.Matches("^[A-Za-z0-9_-]{1,128}$", data.GetProperty("KeyName").GetString()!);
        var stored = await StoredAsync(arn);
        Assert.False(stored.TryGetProperty("keyPairId", out _));
        var privateKey = stored.GetProperty("privateKey").GetString()!;
        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKey);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfoPem(), data.GetProperty("PublicKeyPem").GetString());
        Assert.DoesNotContain("PRIVATE KEY", body, StringComparison.Ordinal);
    }

    // Rule: ECDSA_P256 makes a P-256 pair (the other type CloudFront trusts), readable by the suite's signer.
    [Fact]
    public async Task HandleAsync_CreateEcdsa_MakesAP256PairTheSignerReads()
    {
        using var catcher = new ResponseCatcher();

        await Handler().HandleAsync(Request("Create", catcher.Url, "req-ec", keyType: "ECDSA_P256"), new TestLambdaContext());

        var privateKey = (await StoredAsync(catcher.Last.GetProperty("PhysicalResourceId").GetString()!)).GetProperty("privateKey").GetString()!;
        using var key = CloudFrontSigningKey.FromPem("K2JCJMDEHXQW5F", privateKey);
        Assert.Equal(CloudFrontKeyType.EcdsaP256, key.KeyType);
    }

    // Rule: a Create delivered twice (same RequestId) makes one secret and answers the same pair both times.
    [Fact]
    public async Task HandleAsync_CreateDeliveredTwice_AnswersTheSamePairOnce()
    {
        using var catcher = new ResponseCatcher();
        var handler = Handler();

        await handler.HandleAsync(Request("Create", catcher.Url, "req-dup"), new TestLambdaContext());
        await handler.HandleAsync(Request("Create", catcher.Url, "req-dup"), new TestLambdaContext());

        var answers = catcher.Received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        Assert.All(answers, a => Assert.Equal("SUCCESS", a.GetProperty("Status").GetString()));
        Assert.Equal(answers[0].GetProperty("PhysicalResourceId").GetString(), answers[1].GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(answers[0].GetProperty("Data").GetProperty("PublicKeyPem").GetString(), answers[1].GetProperty("Data").GetProperty("PublicKeyPem").GetString());
        Assert.Equal(1, await SecretCountAsync());
    }

    // Rule: an Update that changes a property replaces the pair: a new secret under a new physical id with a new public key (CloudFormation then deletes the old id).
    [Fact]
    public async Task HandleAsync_UpdateWithAChangedProperty_ReplacesThePair()
    {
        using var catcher = new ResponseCatcher();
        var handler = Handler();
        await handler.HandleAsync(Request("Create", catcher.Url, "req-c"), new TestLambdaContext());
        var created = catcher.Last;

        var update = Request("Update", catcher.Url, "req-u", keyType: "ECDSA_P256") with
        {
            PhysicalResourceId = created.GetProperty("PhysicalResourceId").GetString(),
            OldResourceProperties = Properties("RSA_2048"),
        };
        await handler.HandleAsync(update, new TestLambdaContext());

        var updated = catcher.Last;
        Assert.Equal("SUCCESS", updated.GetProperty("Status").GetString());
        Assert.NotEqual(created.GetProperty("PhysicalResourceId").GetString(), updated.GetProperty("PhysicalResourceId").GetString());
        Assert.NotEqual(created.GetProperty("Data").GetProperty("PublicKeyPem").GetString(), updated.GetProperty("Data").GetProperty("PublicKeyPem").GetString());
        Assert.NotEqual(created.GetProperty("Data").GetProperty("KeyName").GetString(), updated.GetProperty("Data").GetProperty("KeyName").GetString());
    }

    // Rule: an Update that changes only the ServiceToken keeps the pair: same physical id, same public key.
    [Fact]
    public async Task HandleAsync_UpdateOfOnlyTheServiceToken_KeepsThePair()
    {
        using var catcher = new ResponseCatcher();
        var handler = Handler();
        await handler.HandleAsync(Request("Create", catcher.Url, "req-c"), new TestLambdaContext());
        var created = catcher.Last;
        var old = Properties("RSA_2048");
        old["ServiceToken"] = JsonDocument.Parse("\"arn:aws:lambda:us-east-1:123456789012:function:old\"").RootElement.Clone();

        await handler.HandleAsync(Request("Update", catcher.Url, "req-u") with { PhysicalResourceId = created.GetProperty("PhysicalResourceId").GetString(), OldResourceProperties = old }, new TestLambdaContext());

        var updated = catcher.Last;
        Assert.Equal("SUCCESS", updated.GetProperty("Status").GetString());
        Assert.Equal(created.GetProperty("PhysicalResourceId").GetString(), updated.GetProperty("PhysicalResourceId").GetString());
        Assert.Equal(created.GetProperty("Data").GetProperty("PublicKeyPem").GetString(), updated.GetProperty("Data").GetProperty("PublicKeyPem").GetString());
        Assert.Equal(1, await SecretCountAsync());
    }

    // Rule: Delete cleans up (the secret is scheduled for deletion and unreadable), and a redelivered Delete still succeeds.
    [Fact]
    public async Task HandleAsync_Delete_SchedulesTheSecretsDeletionAndIsIdempotent()
    {
        using var catcher = new ResponseCatcher();
        var handler = Handler();
        await handler.HandleAsync(Request("Create", catcher.Url, "req-c"), new TestLambdaContext());
        var arn = catcher.Last.GetProperty("PhysicalResourceId").GetString()!;

        await handler.HandleAsync(Request("Delete", catcher.Url, "req-d") with { PhysicalResourceId = arn }, new TestLambdaContext());
        Assert.Equal("SUCCESS", catcher.Last.GetProperty("Status").GetString());
        Assert.Equal(arn, catcher.Last.GetProperty("PhysicalResourceId").GetString());
        await handler.HandleAsync(Request("Delete", catcher.Url, "req-d2") with { PhysicalResourceId = arn }, new TestLambdaContext());

        Assert.Equal("SUCCESS", catcher.Last.GetProperty("Status").GetString());
        var refused = await Assert.ThrowsAsync<AmazonSecretsManagerException>(() => Secrets().GetSecretValueAsync(new GetSecretValueRequest { SecretId = arn }, default));
        Assert.Equal("InvalidRequestException", refused.ErrorCode);
    }

    // Rule: the Delete that rolls back a failed Create (its physical id names no secret) and a Delete of a secret outside the prefix touch nothing.
    [Fact]
    public async Task HandleAsync_DeleteOfAFailedCreateOrAForeignSecret_TouchesNothing()
    {
        var (code, stdout, err) = await Moto.Boto3Async("secretsmanager", "print(c.create_secret(Name='someone-else', SecretString='x')['ARN'])");
        Assert.True(code == 0, err);
        using var catcher = new ResponseCatcher();
        var handler = Handler();

        await handler.HandleAsync(Request("Delete", catcher.Url, "req-d") with { PhysicalResourceId = "SigningKey-failed-0123456789abcdef" }, new TestLambdaContext());
        Assert.Equal("SUCCESS", catcher.Last.GetProperty("Status").GetString());
        await handler.HandleAsync(Request("Delete", catcher.Url, "req-d2") with { PhysicalResourceId = stdout.Trim() }, new TestLambdaContext());
        Assert.Equal("SUCCESS", catcher.Last.GetProperty("Status").GetString());

        Assert.Equal("x", (await Secrets().GetSecretValueAsync(new GetSecretValueRequest { SecretId = "someone-else" }, default)).SecretString);
    }

    // Rule: the binding writes the id CloudFront gave the public key into the secret, which the suite's signer then reads ({"keyPairId","privateKey"}).
    [Fact]
    public async Task HandleAsync_Binding_WritesTheKeyPairIdTheSignerReads()
    {
        using var catcher = new ResponseCatcher();
        var handler = Handler();
        await handler.HandleAsync(Request("Create", catcher.Url, "req-c"), new TestLambdaContext());
        var arn = catcher.Last.GetProperty("PhysicalResourceId").GetString()!;

        await handler.HandleAsync(Binding("Create", catcher.Url, arn, "K2JCJMDEHXQW5F"), new TestLambdaContext());

        Assert.Equal("SUCCESS", catcher.Last.GetProperty("Status").GetString());
        Assert.Equal(arn, catcher.Last.GetProperty("Data").GetProperty("SecretArn").GetString());
        var source = new SecretsManagerCloudFrontSignerSource(Secrets(), arn, null, TimeProvider.System);
        var signer = await source.GetAsync(default);
        Assert.Contains("Key-Pair-Id=K2JCJMDEHXQW5F", signer.SignCanned("https://d111111abcdef8.cloudfront.net/a.pdf", DateTimeOffset.UnixEpoch.AddYears(60)), StringComparison.Ordinal);
    }

    // Rule: a failure is answered FAILED (never left for CloudFormation's hour-long timeout): here Secrets Manager is unreachable; the failed Create's physical id names no secret.
    [Fact]
    public async Task HandleAsync_SecretsManagerUnreachable_StillAnswersFailed()
    {
        using var dead = DeadEndpoint.Start("refusing");
        using var catcher = new ResponseCatcher();
        var secrets = new SecretsManagerClient(_http, MotoServer.Region, dead.Url, Credentials(), TimeProvider.System, Fast);

        var outcome = await new KeyPairHandler(secrets, new CustomResourceResponder(_http, TimeProvider.System, Fast), TimeProvider.System)
            .HandleAsync(Request("Create", catcher.Url, "req-f"), new TestLambdaContext());

        Assert.Equal("FAILED", outcome.Status);
        var answer = catcher.Last;
        Assert.Equal("FAILED", answer.GetProperty("Status").GetString());
        Assert.Contains("DependencyUnavailableException", answer.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("SigningKey-failed-", answer.GetProperty("PhysicalResourceId").GetString(), StringComparison.Ordinal);
    }

    // Rule: bad input (an unknown resource type, a missing prefix) is answered FAILED with a reason, not thrown at the runtime.
    [Theory]
    [InlineData("Custom::Other", "Files/SigningKey")]
    [InlineData("Custom::CloudFrontKeyPair", "")]
    public async Task HandleAsync_BadRequest_AnswersFailedWithAReason(string resourceType, string prefix)
    {
        using var catcher = new ResponseCatcher();
        var request = Request("Create", catcher.Url, "req-bad") with { ResourceType = resourceType };
        request.ResourceProperties!["SecretNamePrefix"] = JsonSerializer.SerializeToElement(prefix);

        await Handler().HandleAsync(request, new TestLambdaContext());

        Assert.Equal("FAILED", catcher.Last.GetProperty("Status").GetString());
        Assert.Contains("ArgumentException", catcher.Last.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await SecretCountAsync());
    }

    // Rule: a refused answer (S3's 5xx) is PUT again until it lands.
    [Fact]
    public async Task HandleAsync_AnswerRefusedOnce_PutsItAgain()
    {
        using var catcher = new ResponseCatcher(503);

        await Handler().HandleAsync(Binding("Delete", catcher.Url, "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", "K2JCJMDEHXQW5F") with { PhysicalResourceId = "K2JCJMDEHXQW5F@x" }, new TestLambdaContext());

        Assert.Equal(2, catcher.Received.Count);
        Assert.Equal(catcher.Received.First().Body, catcher.Received.Last().Body);
    }

    // Rule: the answer's PUT is bounded by what is left of the invocation (less a margin), not only by the
    // responder's own 20 s: a ResponseURL that never answers ends in a cancellation the runtime logs, before Lambda's timeout.
    [Fact]
    public async Task HandleAsync_ResponseUrlNeverAnswers_GivesUpWithinTheInvocation()
    {
        using var silent = DeadEndpoint.Start("silent");
        var context = new TestLambdaContext { RemainingTime = TimeSpan.FromSeconds(2) };
        var request = Binding("Delete", new Uri(silent.Url, "cloudformation-response?X-Amz-Signature=abc"), "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", "K2JCJMDEHXQW5F") with { PhysicalResourceId = "K2JCJMDEHXQW5F@x" };

        // Cancelled by the invocation's bound (OperationCanceledException), not by the responder's own timeout (Polly's TimeoutRejectedException).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Handler().HandleAsync(request, context));
    }

    // Rule: CloudFront public key names are A-Z a-z 0-9 _ - and at most 128 characters; the end (the request's hash) is kept so names stay unique.
    [Fact]
    public void KeyName_LongPrefixWithSlashes_FitsCloudFrontsAlphabetAndKeepsTheHash()
    {
        var name = KeyPairHandler.KeyName(new string('a', 200) + "/x.y-0123456789abcdef");

        Assert.Equal(128, name.Length);
        Assert.EndsWith("-x-y-0123456789abcdef", name, StringComparison.Ordinal);
    }

    private static StaticAwsCredentialsSource Credentials() => new(new ImmutableCredentials(MotoServer.AccessKey, MotoServer.SecretKey, null));

    private SecretsManagerClient Secrets() => new(_http, MotoServer.Region, Moto.Url, Credentials(), TimeProvider.System, Fast);

    private KeyPairHandler Handler() => new(Secrets(), new CustomResourceResponder(_http, TimeProvider.System, Fast), TimeProvider.System);

    private async Task<JsonElement> StoredAsync(string arn)
        => JsonDocument.Parse((await Secrets().GetSecretValueAsync(new GetSecretValueRequest { SecretId = arn }, default)).SecretString!).RootElement.Clone();

    private async Task<int> SecretCountAsync()
    {
        var (code, stdout, err) = await Moto.Boto3Async("secretsmanager", "print(len(c.list_secrets()['SecretList']))");
        Assert.True(code == 0, err);
        return int.Parse(stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, JsonElement> Properties(string keyType) => new()
    {
        ["ServiceToken"] = JsonSerializer.SerializeToElement("arn:aws:lambda:us-east-1:123456789012:function:handler"),
        ["SecretNamePrefix"] = JsonSerializer.SerializeToElement(Prefix),
        ["KeyType"] = JsonSerializer.SerializeToElement(keyType),
    };

    private static CustomResourceRequest Request(string type, Uri responseUrl, string requestId, string keyType = "RSA_2048") => new()
    {
        RequestType = type,
        ResponseURL = responseUrl.AbsoluteUri,
        StackId = StackId,
        RequestId = requestId,
        ResourceType = KeyPairHandler.KeyPairType,
        LogicalResourceId = "SigningKey",
        ResourceProperties = Properties(keyType),
    };

    private static CustomResourceRequest Binding(string type, Uri responseUrl, string secretArn, string keyPairId) => new()
    {
        RequestType = type,
        ResponseURL = responseUrl.AbsoluteUri,
        StackId = StackId,
        RequestId = "bind-" + type,
        ResourceType = KeyPairHandler.BindingType,
        LogicalResourceId = "SigningKeyBinding",
        ResourceProperties = new Dictionary<string, JsonElement>
        {
            ["SecretArn"] = JsonSerializer.SerializeToElement(secretArn),
            ["KeyPairId"] = JsonSerializer.SerializeToElement(keyPairId),
        },
    };
}
