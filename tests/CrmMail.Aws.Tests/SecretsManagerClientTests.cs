using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using CrmMail.Aws.Http;
using CrmMail.Aws.SigV4;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CrmMail.Aws.Tests;

public class SecretsManagerClientTests
{
    [Fact]
    public async Task GetSecretValue_ExactlyBotocoresRequest()
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("aws", "botocore-requests.json"))).RootElement;
        var vector = fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("operation").GetString() == "get_secret_value");
        var credentials = fixture.GetProperty("credentials");
        var headers = vector.GetProperty("headers");
        var time = new FakeTimeProvider(DateTimeOffset.ParseExact(headers.GetProperty("X-Amz-Date").GetString()!, SigV4RequestSigner.AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        var sut = new SecretsManagerClient(new HttpClient(), "us-east-1", null, new StaticAwsCredentialsSource(new ImmutableCredentials(credentials.GetProperty("accessKeyId").GetString(), credentials.GetProperty("secretAccessKey").GetString(), credentials.GetProperty("sessionToken").GetString())), time);

        // botocore's body bytes (its JSON has spaces); ours must sign to the same Authorization.
        using var request = await sut.BuildRequestAsync(Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!), default);

        Assert.Equal("https://secretsmanager.us-east-1.amazonaws.com/", request.RequestUri!.AbsoluteUri);
        Assert.Equal("secretsmanager.GetSecretValue", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal(headers.GetProperty("Authorization").GetString(), request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task GetSecretStringAsync_AgainstMoto_ReadsTheValueAndRefusesAMissingSecret()
    {
        await using var moto = await MotoServer.StartAsync();
        var (code, _, err) = await moto.Boto3Async("secretsmanager", "c.create_secret(Name='cloudfront-private-key', SecretString='{\"keyPairId\":\"K1\"}')");
        Assert.True(code == 0, err);
        using var http = new HttpClient();
        var sut = new SecretsManagerClient(http, MotoServer.Region, moto.Url, new StaticAwsCredentialsSource(new ImmutableCredentials(MotoServer.AccessKey, MotoServer.SecretKey, null)), TimeProvider.System);

        Assert.Equal("{\"keyPairId\":\"K1\"}", await sut.GetSecretStringAsync("cloudfront-private-key", default));
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.GetSecretStringAsync("missing", default));
    }

    private static SecretsManagerClient Scripted(RecordingHandler handler)
        => new(new HttpClient(handler), "us-east-1", null, new StaticAwsCredentialsSource(new ImmutableCredentials("AKID", "secret", null)), TimeProvider.System, DependencyPolicy.Default with { BaseDelay = TimeSpan.Zero });

    [Fact]
    public async Task GetSecretStringAsync_ThrottledThenServerError_RetriesAndReads()
    {
        // Rule: Secrets Manager's throttling and 5xx are retried through the shared pipeline.
        var handler = new RecordingHandler(
            () => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"__type":"ThrottlingException"}""") },
            () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}") },
            () => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("{}") },
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"SecretString":"s3cret"}""") });

        // The first answer is a 400: refused at once, as a missing secret or permission is.
        await Assert.ThrowsAsync<DependencyUnavailableException>(() => Scripted(handler).GetSecretStringAsync("k", default));
        Assert.Single(handler.Requests);

        Assert.Equal("s3cret", await Scripted(handler).GetSecretStringAsync("k", default));
        Assert.Equal(4, handler.Requests.Count);
    }

    [Fact]
    public async Task GetSecretStringAsync_AlwaysServerError_GivesUpAfterTheRetriesAsUnavailable()
    {
        // Rule: retries are bounded; then the outage is a DependencyUnavailableException (503 upstream).
        var handler = new RecordingHandler(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{}") });

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => Scripted(handler).GetSecretStringAsync("k", default));

        Assert.Equal(DependencyPolicy.Default.MaxRetries + 1, handler.Requests.Count);
    }
}
