using System.Text.Json;
using System.Text.Json.Serialization;
using CrmMail.Kernel;
using CrmMail.Mail.Reports;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Aws.Http;

/// <summary>
/// The CloudFront signing key from Secrets Manager (<see cref="Settings.Catalogue.CloudFrontPrivateKeySecret"/>): a
/// JSON secret <c>{"keyPairId": "K…", "privateKey": "-----BEGIN …"}</c>, read and parsed once
/// per container. A failed read is not cached, so the next request tries again.
/// </summary>
public sealed class SecretsManagerCloudFrontSignerSource(SecretsManagerClient secrets, string secretId, CloudFrontHashAlgorithm? hashAlgorithm, TimeProvider timeProvider) : ICloudFrontSignerSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CloudFrontUrlSigner? _signer;

    /// <inheritdoc />
    public async Task<CloudFrontUrlSigner> GetAsync(CancellationToken cancellationToken)
    {
        if (_signer is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_signer is { } raced)
            {
                return raced;
            }

            var json = await secrets.GetSecretStringAsync(secretId, cancellationToken).ConfigureAwait(false);
            CloudFrontKeySecret? secret;
            try
            {
                secret = JsonSerializer.Deserialize(json, CloudFrontSecretJsonContext.Default.CloudFrontKeySecret);
            }
            catch (JsonException exception)
            {
                throw new DependencyUnavailableException($"Secret '{secretId}' is not JSON {{keyPairId, privateKey}}.", exception);
            }

            if (secret?.KeyPairId is not { Length: > 0 } keyPairId || secret.PrivateKey is not { Length: > 0 } pem)
            {
                throw new DependencyUnavailableException($"Secret '{secretId}' lacks keyPairId or privateKey.");
            }

            try
            {
                _signer = new CloudFrontUrlSigner(CloudFrontSigningKey.FromPem(keyPairId, pem), timeProvider, hashAlgorithm);
            }
            catch (CloudFrontKeyException exception)
            {
                throw new DependencyUnavailableException($"Secret '{secretId}': {exception.Message}", exception);
            }

            return _signer;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The CloudFront key secret's JSON.</summary>
internal sealed record CloudFrontKeySecret(
    [property: JsonPropertyName("keyPairId")] string? KeyPairId,
    [property: JsonPropertyName("privateKey")] string? PrivateKey);

[JsonSerializable(typeof(CloudFrontKeySecret))]
internal sealed partial class CloudFrontSecretJsonContext : JsonSerializerContext;
