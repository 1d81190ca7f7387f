using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CrmMail.Aws.SecretsManager;
using CrmMail.Aws.SigV4;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using Polly;

namespace CrmMail.Aws.Http;

/// <summary>
/// The few Secrets Manager calls this repository makes, over its JSON protocol
/// (AWSSDK.SecretsManager is not served): <c>POST /</c>, <c>X-Amz-Target: secretsmanager.OPERATION</c>,
/// SigV4, request and response shapes as botocore's and named as AWSSDK.SecretsManager names
/// them (<see cref="SecretsManager"/> namespace). Calls run through the <see cref="DependencyPipeline"/>:
/// throttling, 5xx and network errors are retried within its timeouts and the caller's deadline;
/// then <see cref="DependencyUnavailableException"/>. A refusal (4xx) is an
/// <see cref="AmazonSecretsManagerException"/> with the service's error code.
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
        try
        {
            var value = await GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId }, cancellationToken).ConfigureAwait(false);
            return value.SecretString ?? throw new DependencyUnavailableException($"Secret '{secretId}' has no string value.");
        }
        catch (AmazonSecretsManagerException exception)
        {
            // A refusal (a missing secret or permission) does not heal by retrying; to the
            // functions it is the same outage as an unreachable service.
            throw new DependencyUnavailableException($"Secrets Manager GetSecretValue for '{secretId}' failed: HTTP {exception.StatusCode}.", exception);
        }
    }

    /// <summary>GetSecretValue: the current version.</summary>
    /// <exception cref="AmazonSecretsManagerException">Refused (for example <c>ResourceNotFoundException</c>).</exception>
    /// <exception cref="DependencyUnavailableException">Unreachable or throttled after every retry.</exception>
    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken)
        => InvokeAsync("GetSecretValue", request, SecretsManagerJsonContext.Default.GetSecretValueRequest, SecretsManagerJsonContext.Default.GetSecretValueResponse, cancellationToken);

    /// <summary>CreateSecret: a new secret with its first version.</summary>
    /// <exception cref="AmazonSecretsManagerException">Refused (for example <c>ResourceExistsException</c>).</exception>
    /// <exception cref="DependencyUnavailableException">Unreachable or throttled after every retry.</exception>
    public Task<CreateSecretResponse> CreateSecretAsync(CreateSecretRequest request, CancellationToken cancellationToken)
        => InvokeAsync("CreateSecret", request, SecretsManagerJsonContext.Default.CreateSecretRequest, SecretsManagerJsonContext.Default.CreateSecretResponse, cancellationToken);

    /// <summary>PutSecretValue: a new current version of an existing secret.</summary>
    /// <exception cref="AmazonSecretsManagerException">Refused (for example <c>ResourceNotFoundException</c>).</exception>
    /// <exception cref="DependencyUnavailableException">Unreachable or throttled after every retry.</exception>
    public Task<PutSecretValueResponse> PutSecretValueAsync(PutSecretValueRequest request, CancellationToken cancellationToken)
        => InvokeAsync("PutSecretValue", request, SecretsManagerJsonContext.Default.PutSecretValueRequest, SecretsManagerJsonContext.Default.PutSecretValueResponse, cancellationToken);

    /// <summary>DeleteSecret: schedules the deletion (or deletes at once with <see cref="DeleteSecretRequest.ForceDeleteWithoutRecovery"/>).</summary>
    /// <exception cref="AmazonSecretsManagerException">Refused (for example <c>ResourceNotFoundException</c>).</exception>
    /// <exception cref="DependencyUnavailableException">Unreachable or throttled after every retry.</exception>
    public Task<DeleteSecretResponse> DeleteSecretAsync(DeleteSecretRequest request, CancellationToken cancellationToken)
        => InvokeAsync("DeleteSecret", request, SecretsManagerJsonContext.Default.DeleteSecretRequest, SecretsManagerJsonContext.Default.DeleteSecretResponse, cancellationToken);

    /// <summary>The signed request, exactly as sent (exposed for request-shape tests).</summary>
    internal Task<HttpRequestMessage> BuildRequestAsync(byte[] body, CancellationToken cancellationToken)
        => BuildRequestAsync("GetSecretValue", body, cancellationToken);

    private async Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        SecretAttempt attempt;
        try
        {
            attempt = await _pipeline.ExecuteAsync(
                async token =>
                {
                    using var message = await BuildRequestAsync(operation, body, token).ConfigureAwait(false);
                    using var response = await http.SendAsync(message, token).ConfigureAwait(false);
                    return new SecretAttempt((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw new DependencyUnavailableException($"Secrets Manager {operation} failed: {exception.GetType().Name}.", exception);
        }

        if (attempt.Status is >= 200 and < 300)
        {
            return JsonSerializer.Deserialize(attempt.Body, responseType)
                ?? throw new DependencyUnavailableException($"Secrets Manager {operation} answered an empty body.");
        }

        if (attempt.Status is 429 or >= 500)
        {
            // Throttling and 5xx after every retry.
            throw new DependencyUnavailableException($"Secrets Manager {operation} failed: HTTP {attempt.Status}.");
        }

        throw Refusal(operation, attempt);
    }

    /// <summary>A 4xx as the service's error code (<c>__type</c>, without its <c>namespace#</c> prefix).</summary>
    private static AmazonSecretsManagerException Refusal(string operation, SecretAttempt attempt)
    {
        ErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize(attempt.Body, SecretsManagerJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status alone says it was refused.
        }

        var type = error?.Type ?? "Unknown";
        var code = type[(type.LastIndexOf('#') + 1)..];
        return new AmazonSecretsManagerException(code, attempt.Status, $"Secrets Manager {operation} refused: {code} (HTTP {attempt.Status}).");
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager." + operation);
        var current = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        _signer.Sign(request, body, current, timeProvider.GetUtcNow());
        return request;
    }
}

/// <summary>One attempt's answer.</summary>
internal sealed record SecretAttempt(int Status, byte[] Body);

/// <summary>The JSON protocol's error body (the message is not kept: it may quote the request).</summary>
internal sealed record ErrorBody([property: JsonPropertyName("__type")] string? Type);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(CreateSecretRequest))]
[JsonSerializable(typeof(CreateSecretResponse))]
[JsonSerializable(typeof(PutSecretValueRequest))]
[JsonSerializable(typeof(PutSecretValueResponse))]
[JsonSerializable(typeof(DeleteSecretRequest))]
[JsonSerializable(typeof(DeleteSecretResponse))]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
