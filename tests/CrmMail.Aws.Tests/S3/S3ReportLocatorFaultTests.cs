using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using CrmMail.Aws.S3;
using CrmMail.Kernel;

namespace CrmMail.Aws.Tests.S3;

/// <summary>
/// HeadObject through the real S3 client with a fault-injecting HTTP handler: S3's 403 (what a
/// missing object answers without s3:ListBucket), 5xx, throttling and network failures are
/// "dependency unavailable" (503 upstream), never "missing" and never an unhandled exception.
/// </summary>
public class S3ReportLocatorFaultTests
{
    private static S3ReportLocator Create(Func<HttpRequestMessage, HttpResponseMessage> answer, out FaultHandler handler)
    {
        handler = new FaultHandler(answer);
        var config = new AmazonS3Config
        {
            ServiceURL = "https://s3.us-east-1.amazonaws.com",
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            MaxErrorRetry = 0,
            HttpClientFactory = new HandlerFactory(handler),
        };
        return new S3ReportLocator(new AmazonS3Client(new BasicAWSCredentials("AKID", "secret"), config), "dn-reports");
    }

    private static HttpResponseMessage Status(HttpStatusCode code, string? errorCode = null)
    {
        // HEAD answers carry no body; S3 names the error in x-amz-* headers at most.
        var response = new HttpResponseMessage(code) { Content = new ByteArrayContent([]) };
        response.Headers.TryAddWithoutValidation("x-amz-request-id", "REQ1");
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amz-error-code", errorCode);
        }

        return response;
    }

    // Without s3:ListBucket a missing object answers 403: it must not be an unhandled exception
    // (502, key locked, alarm) and must not read as "missing" (a permission is not a 422).
    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.MovedPermanently)]
    public async Task FindAsync_S3ErrorOtherThan404_IsDependencyUnavailable(HttpStatusCode status)
    {
        var sut = Create(_ => Status(status), out var handler);

        var exception = await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.FindAsync("2025/08/DN-1.pdf", default));

        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        Assert.Equal(HttpMethod.Head, Assert.Single(handler.Requests).Method);
    }

    // 404 stays "missing".
    [Fact]
    public async Task FindAsync_404_IsNull()
        => Assert.Null(await Create(_ => Status(HttpStatusCode.NotFound), out _).FindAsync("2025/08/DN-1.pdf", default));

    // The network failing (connection refused, reset) is dependency unavailable too.
    [Fact]
    public async Task FindAsync_NetworkFailure_IsDependencyUnavailable()
    {
        var sut = Create(_ => throw new HttpRequestException("Connection refused (s3.us-east-1.amazonaws.com:443)"), out _);

        await Assert.ThrowsAsync<DependencyUnavailableException>(() => sut.FindAsync("2025/08/DN-1.pdf", default));
    }

    // The caller's own cancellation stays a cancellation (the handler's deadline decides what to answer).
    [Fact]
    public async Task FindAsync_CallerCancelled_IsOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var sut = Create(_ => Status(HttpStatusCode.OK), out _);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.FindAsync("2025/08/DN-1.pdf", cancelled.Token));
    }

    private sealed class FaultHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Requests.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
