using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmMail.Signing;
using CrmMail.Signing.Aws;

namespace CrmMail.Aws.Http;

/// <summary>
/// Secrets Manager GetSecretValue over its JSON protocol (AWSSDK.SecretsManager is not served):
/// <c>POST /</c>, <c>X-Amz-Target: secretsmanager.GetSecretValue</c>, SigV4, request shape as
/// botocore's. Throttling, 5xx and network errors are retried; then
/// <see cref="DependencyUnavailableException"/>.
/// </summary>
public sealed class SecretsManagerClient(HttpClient http, string region, Uri? serviceUrl, IAwsCredentialsSource credentials, TimeProvider timeProvider, BackoffPolicy? backoff = null)
{
    private readonly SigV4RequestSigner _signer = new("secretsmanager", region);
    private readonly Uri _endpoint = serviceUrl ?? new Uri($"https://secretsmanager.{region}.amazonaws.com/");
    private readonly BackoffPolicy _backoff = backoff ?? BackoffPolicy.Default;

    /// <summary>The secret's string value.</summary>
    /// <exception cref="DependencyUnavailableException">Unreachable, throttled, or refused (missing secret, no permission).</exception>
    public async Task<string> GetSecretStringAsync(string secretId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new GetSecretValueRequest(secretId), SecretsManagerJsonContext.Default.GetSecretValueRequest);
        var started = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = await BuildRequestAsync(body, cancellationToken).ConfigureAwait(false);
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var value = JsonSerializer.Deserialize(bytes, SecretsManagerJsonContext.Default.GetSecretValueResponse);
                    return value?.SecretString ?? throw new DependencyUnavailableException($"Secret '{secretId}' has no string value.");
                }

                var status = (int)response.StatusCode;
                failure = $"HTTP {status}";
                if (status is not (429 or >= 500))
                {
                    // A missing secret or a missing permission does not heal by retrying.
                    throw new DependencyUnavailableException($"Secrets Manager refused GetSecretValue for '{secretId}': {failure}.");
                }
            }
            catch (HttpRequestException exception)
            {
                failure = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "timeout";
            }

            if (_backoff.DelayBefore(attempt, started.Elapsed) is not { } delay)
            {
                throw new DependencyUnavailableException($"Secrets Manager GetSecretValue for '{secretId}' failed: {failure}.");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
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

/// <summary>GetSecretValue's request.</summary>
internal sealed record GetSecretValueRequest(string SecretId);

/// <summary>GetSecretValue's response (the fields we read).</summary>
internal sealed record GetSecretValueResponse(string? SecretString);

[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
internal sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
