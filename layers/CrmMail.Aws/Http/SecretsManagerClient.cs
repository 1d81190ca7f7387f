using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmMail.Aws.SigV4;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using Polly;

namespace CrmMail.Aws.Http;

/// <summary>
/// Secrets Manager GetSecretValue over its JSON protocol (AWSSDK.SecretsManager is not served):
/// <c>POST /</c>, <c>X-Amz-Target: secretsmanager.GetSecretValue</c>, SigV4, request shape as
/// botocore's. Calls run through the <see cref="DependencyPipeline"/>: throttling, 5xx and
/// network errors are retried within its timeouts and the caller's deadline; then
/// <see cref="DependencyUnavailableException"/>.
/// </summary>
public sealed class SecretsManagerClient(HttpClient http, string region, Uri? serviceUrl, IAwsCredentialsSource credentials, TimeProvider timeProvider, DependencyPolicy? policy = null)
{
    private readonly SigV4RequestSigner _signer = new("secretsmanager", region);
    private readonly Uri _endpoint = serviceUrl ?? new Uri($"https://secretsmanager.{region}.amazonaws.com/");
    private readonly ResiliencePipeline<SecretAttempt> _pipeline = DependencyPipeline.Create<SecretAttempt>(
        policy ?? DependencyPolicy.Default, timeProvider, static attempt => attempt.Status is 429 or >= 500);

    /// <summary>The secret's string value.</summary>
    /// <exception cref="DependencyUnavailableException">Unreachable, throttled, or refused (missing secret, no permission).</exception>
    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new GetSecretValueRequest(secretId), SecretsManagerJsonContext.Default.GetSecretValueRequest);
        SecretAttempt attempt;
        try
        {
            attempt = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = await BuildRequestAsync(body, token).ConfigureAwait(false);
                    using var response = await http.SendAsync(request, token).ConfigureAwait(false);
                    return new SecretAttempt((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw new DependencyUnavailableException($"Secrets Manager GetSecretValue for '{secretId}' failed: {exception.GetType().Name}.", exception);
        }

        if (attempt.Status is >= 200 and < 300)
        {
            var value = JsonSerializer.Deserialize(attempt.Body, SecretsManagerJsonContext.Default.GetSecretValueResponse);
            return value?.SecretString ?? throw new DependencyUnavailableException($"Secret '{secretId}' has no string value.");
        }

        // Throttling and 5xx after every retry, or a refusal (a missing secret or permission) that
        // does not heal by retrying.
        throw new DependencyUnavailableException($"Secrets Manager GetSecretValue for '{secretId}' failed: HTTP {attempt.Status}.");
    }

    /// <summary>The signed request, exactly as sent (exposed for request-shape tests).</summary>
    internal async Task<HttpRequestMessage> BuildRequestAsync(byte[] body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager.GetSecretValue");
        var current = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        _signer.Sign(request, body, current, timeProvider.GetUtcNow());
        return request;
    }
}

/// <summary>One attempt's answer.</summary>
internal sealed record SecretAttempt(int Status, byte[] Body);

/// <summary>GetSecretValue's request.</summary>
internal sealed record GetSecretValueRequest(string SecretId);

/// <summary>GetSecretValue's response (the fields we read).</summary>
internal sealed record GetSecretValueResponse(string? SecretString);

[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
internal sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
