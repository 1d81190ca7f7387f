using System.Text.Json;
using CrmMail.Kernel.Resilience;
using Polly;

namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>
/// PUTs the answer to the presigned ResponseURL: the body with no Content-Type (the URL is
/// presigned without one, so S3 would refuse a signed header it did not expect), retried on 5xx,
/// throttling and network errors. Without this PUT the stack waits for an hour, so the handler
/// calls it on every path.
/// </summary>
internal sealed class CustomResourceResponder(HttpClient http, TimeProvider timeProvider, DependencyPolicy? policy = null)
{
    private readonly ResiliencePipeline<int> _pipeline = DependencyPipeline.Create<int>(
        policy ?? DependencyPolicy.Default with { TotalTimeout = TimeSpan.FromSeconds(20), AttemptTimeout = TimeSpan.FromSeconds(5) },
        timeProvider,
        static status => status is 429 or >= 500);

    /// <summary>Sends <paramref name="response"/>; throws when every attempt failed (the runtime logs it).</summary>
    public async Task SendAsync(Uri responseUrl, CustomResourceResponse response, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(response, KeyPairJsonContext.Default.CustomResourceResponse);
        var status = await _pipeline.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, responseUrl) { Content = new ByteArrayContent(body) };
                using var answer = await http.SendAsync(request, token).ConfigureAwait(false);
                return (int)answer.StatusCode;
            },
            cancellationToken).ConfigureAwait(false);
        if (status is < 200 or >= 300)
        {
            throw new HttpRequestException($"The custom resource answer was refused: HTTP {status}.");
        }
    }
}
