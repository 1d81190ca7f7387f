using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;
using CrmMail.Signing.Tokens;

namespace CrmMail.Aws.Kms;

/// <summary>
/// Token data keys from KMS (<see cref="Settings.Catalogue.UnsubscribeKmsKeyId"/>):
/// GenerateDataKey and Decrypt with the encryption context <c>{purpose, keyId}</c>, so a
/// wrapped key only opens for the purpose and id it was made for (and CloudTrail shows both).
/// </summary>
public sealed class KmsKeyWrapper(IAmazonKeyManagementService kms, string keyId) : IKeyWrapper
{
    /// <inheritdoc />
    public async Task<(byte[] Plaintext, byte[] Wrapped)> GenerateAsync(TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
    {
        try
        {
            var response = await kms.GenerateDataKeyAsync(new GenerateDataKeyRequest
            {
                KeyId = keyId,
                KeySpec = DataKeySpec.AES_256,
                EncryptionContext = Context(purpose, keyIdHex),
            }, cancellationToken).ConfigureAwait(false);
            return (response.Plaintext.ToArray(), response.CiphertextBlob.ToArray());
        }
        catch (AmazonServiceException exception) when (IsTransient(exception))
        {
            throw new DependencyUnavailableException("KMS GenerateDataKey failed: " + exception.ErrorCode, exception);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            // Unreachable, or out of its bounded attempts (AwsClients): the deadline itself is not caught.
            throw new DependencyUnavailableException("KMS is unreachable.", exception);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> UnwrapAsync(byte[] wrapped, TokenPurpose purpose, string keyIdHex, CancellationToken cancellationToken)
    {
        try
        {
            var response = await kms.DecryptAsync(new DecryptRequest
            {
                KeyId = keyId,
                CiphertextBlob = new MemoryStream(wrapped, writable: false),
                EncryptionContext = Context(purpose, keyIdHex),
            }, cancellationToken).ConfigureAwait(false);
            return response.Plaintext.ToArray();
        }
        catch (InvalidCiphertextException)
        {
            // Wrong context or a corrupted registry row: the token is simply not openable.
            return null;
        }
        catch (AmazonServiceException exception) when (IsTransient(exception))
        {
            throw new DependencyUnavailableException("KMS Decrypt failed: " + exception.ErrorCode, exception);
        }
        catch (Exception exception) when (DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw new DependencyUnavailableException("KMS is unreachable.", exception);
        }
    }

    private static Dictionary<string, string> Context(TokenPurpose purpose, string keyIdHex) => new(StringComparer.Ordinal)
    {
        ["purpose"] = purpose == TokenPurpose.Resubscribe ? "resubscribe" : "unsubscribe",
        ["keyId"] = keyIdHex,
    };

    // Throttling, KMS-internal errors and 5xx (after the SDK's own retries) are worth retrying
    // later; a missing key or permission is a deployment error and surfaces as is.
    private static bool IsTransient(AmazonServiceException exception)
        => exception is KMSInternalException or DependencyTimeoutException or LimitExceededException
            || exception.ErrorType == ErrorType.Receiver
            || (int)exception.StatusCode is 429 or >= 500;
}
