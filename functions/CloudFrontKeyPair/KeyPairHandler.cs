using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmMail.Aws.Http;
using CrmMail.Aws.SecretsManager;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>
/// The custom resources of CrmMail.SignedDelivery's SigningKeyPair, over the raw CloudFormation
/// protocol (no provider framework):
/// <list type="bullet">
/// <item><c>Custom::CloudFrontKeyPair</c> (SecretNamePrefix, KeyType, KmsKeyId?): Create makes a key
/// pair here, in AWS, and a new secret <c>PREFIX-HASH</c> holding the private key; the physical id
/// is the secret's ARN and the attributes are PublicKeyPem, SecretArn and SecretName. An Update that
/// changes a property makes a new pair under a new id, so CloudFormation deletes the old one; an
/// Update that changes only the ServiceToken keeps the pair. Delete schedules the secret's deletion.</item>
/// <item><c>Custom::CloudFrontKeyPairBinding</c> (SecretArn, KeyPairId): writes the id CloudFront
/// gave the public key into the secret, which the suite's signer reads as <c>{"keyPairId","privateKey"}</c>.</item>
/// </list>
/// Every request is answered, failures included (a stack never waits out the hour), and a
/// request delivered twice does the same thing once: names and idempotency tokens derive from
/// the request id.
/// </summary>
internal sealed partial class KeyPairHandler(SecretsManagerClient secrets, CustomResourceResponder responder, TimeProvider timeProvider)
{
    public const string KeyPairType = "Custom::CloudFrontKeyPair";
    public const string BindingType = "Custom::CloudFrontKeyPairBinding";

    /// <summary>Left for the answer's PUT when the work runs up to the function's deadline.</summary>
    private static readonly TimeSpan AnswerReserve = TimeSpan.FromSeconds(10);

    /// <summary>Left of the invocation after the answer's PUT gives up: for the runtime to log and report it.</summary>
    private static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(1);

    /// <summary>Secrets Manager's minimum: a deleted pair stays recoverable for a week.</summary>
    private const long RecoveryWindowDays = 7;

    public async Task<KeyPairOutcome> HandleAsync(CustomResourceRequest request, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (!Uri.TryCreate(request.ResponseURL, UriKind.Absolute, out var responseUrl))
        {
            // Nobody to answer: not a CloudFormation request. The runtime's error path logs it.
            throw new ArgumentException("The request has no ResponseURL: not a CloudFormation custom resource request.", nameof(request));
        }

        var budget = context.RemainingTime - AnswerReserve;
        using var deadline = new CancellationTokenSource(budget > TimeSpan.FromSeconds(1) ? budget : TimeSpan.FromSeconds(1), timeProvider);
        CustomResourceResponse response;
        try
        {
            response = await DispatchAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Every failure is answered, whatever it is: an unanswered request holds the stack
            // for an hour. The reason names the error, never a key (none is in any message).
            response = CustomResourceResponse.Failed(request, Reason(exception));
        }

        context.Logger.LogInformation($"{request.RequestType} {request.ResourceType} {request.LogicalResourceId}: {response.Status}{(response.Reason is null ? string.Empty : " (" + response.Reason + ")")}");
        // Not the work's token (cancelled by now if the work ran to its deadline: the answer must
        // still go out), but bounded by what is left of the invocation, so a hanging ResponseURL
        // ends in a logged error rather than in Lambda killing the runtime mid-retry.
        var left = context.RemainingTime - AnswerMargin;
        using var answerDeadline = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), timeProvider);
        await responder.SendAsync(responseUrl, response, answerDeadline.Token).ConfigureAwait(false);
        return new KeyPairOutcome(response.Status, response.PhysicalResourceId);
    }

    /// <summary>The physical id answered for a Create that failed: it names no secret, so its Delete does nothing.</summary>
    internal static string FailedCreateId(CustomResourceRequest request) => $"{request.LogicalResourceId}-failed-{Hash(request.StackId, request.LogicalResourceId, request.RequestId)}";

    private Task<CustomResourceResponse> DispatchAsync(CustomResourceRequest request, CancellationToken cancellationToken) => (request.ResourceType, request.RequestType) switch
    {
        (KeyPairType, "Create") => CreatePairAsync(request, cancellationToken),
        (KeyPairType, "Update") => UpdatePairAsync(request, cancellationToken),
        (KeyPairType, "Delete") => DeletePairAsync(request, cancellationToken),
        (BindingType, "Create" or "Update") => BindAsync(request, cancellationToken),
        // The secret belongs to the pair, which deletes it; unbinding would only race that.
        (BindingType, "Delete") => Task.FromResult(CustomResourceResponse.Success(request, request.PhysicalResourceId ?? FailedCreateId(request))),
        _ => throw new ArgumentException($"Unsupported request {request.RequestType} for resource type '{request.ResourceType}': expected {KeyPairType} or {BindingType} with Create, Update or Delete."),
    };

    private async Task<CustomResourceResponse> CreatePairAsync(CustomResourceRequest request, CancellationToken cancellationToken)
    {
        var prefix = SecretNamePrefix(request.ResourceProperties);
        var keyType = Property(request.ResourceProperties, "KeyType") ?? KeyPairGenerator.Rsa2048;
        var (privateKey, publicKey) = KeyPairGenerator.Generate(keyType);
        // One name per request: a redelivered Create finds its own secret instead of making a second.
        var name = prefix + "-" + Hash(request.StackId, request.LogicalResourceId, request.RequestId);
        try
        {
            var created = await secrets.CreateSecretAsync(
                new CreateSecretRequest
                {
                    Name = name,
                    SecretString = SecretJson(new KeyPairSecret(null, privateKey)),
                    Description = $"CloudFront signing key of {request.LogicalResourceId}: JSON {{\"keyPairId\",\"privateKey\"}}, made in AWS by its custom resource.",
                    KmsKeyId = Property(request.ResourceProperties, "KmsKeyId"),
                    ClientRequestToken = Token(request.RequestId, "create"),
                },
                cancellationToken).ConfigureAwait(false);
            return PairAnswer(request, created.ARN ?? throw new InvalidOperationException("CreateSecret answered no ARN."), created.Name ?? name, publicKey);
        }
        catch (AmazonSecretsManagerException exception) when (exception.ErrorCode == "ResourceExistsException")
        {
            // This very request already created it (a redelivery): answer the stored pair.
            return await ExistingPairAsync(request, name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CustomResourceResponse> UpdatePairAsync(CustomResourceRequest request, CancellationToken cancellationToken)
    {
        if (request.PhysicalResourceId is { } current && current.StartsWith("arn:", StringComparison.Ordinal) && SameProperties(request.ResourceProperties, request.OldResourceProperties))
        {
            // Only the ServiceToken changed (the handler moved): the pair stays, under the same id.
            return await ExistingPairAsync(request, current, cancellationToken).ConfigureAwait(false);
        }

        // A changed property is a new pair under a new id; CloudFormation then sends Delete for the old one.
        return await CreatePairAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CustomResourceResponse> DeletePairAsync(CustomResourceRequest request, CancellationToken cancellationToken)
    {
        var physicalId = request.PhysicalResourceId ?? string.Empty;
        var prefix = SecretNamePrefix(request.ResourceProperties);
        // Only a secret this resource made: an ARN whose name starts with the prefix. A failed
        // Create answered an id that is not one, and there is nothing to clean up.
        if (!physicalId.StartsWith("arn:", StringComparison.Ordinal) || !physicalId.Contains(":secret:" + prefix + "-", StringComparison.Ordinal))
        {
            return CustomResourceResponse.Success(request, FallbackId(request));
        }

        try
        {
            await secrets.DeleteSecretAsync(new DeleteSecretRequest { SecretId = physicalId, RecoveryWindowInDays = RecoveryWindowDays }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonSecretsManagerException exception) when (exception.ErrorCode is "ResourceNotFoundException" or "InvalidRequestException")
        {
            // Already gone, or already scheduled for deletion (a redelivered Delete): done.
        }

        return CustomResourceResponse.Success(request, physicalId);
    }

    private async Task<CustomResourceResponse> BindAsync(CustomResourceRequest request, CancellationToken cancellationToken)
    {
        var secretArn = Property(request.ResourceProperties, "SecretArn") ?? throw new ArgumentException("SecretArn is required.");
        var keyPairId = Property(request.ResourceProperties, "KeyPairId") ?? throw new ArgumentException("KeyPairId is required.");
        if (!KeyPairIdPattern().IsMatch(keyPairId))
        {
            throw new ArgumentException("KeyPairId must be a CloudFront public key id (K followed by capitals and digits).");
        }

        var stored = await ReadSecretAsync(secretArn, cancellationToken).ConfigureAwait(false);
        if (stored.KeyPairId != keyPairId)
        {
            await secrets.PutSecretValueAsync(
                new PutSecretValueRequest { SecretId = secretArn, SecretString = SecretJson(stored with { KeyPairId = keyPairId }), ClientRequestToken = Token(request.RequestId, "bind") },
                cancellationToken).ConfigureAwait(false);
        }

        return CustomResourceResponse.Success(request, keyPairId + "@" + secretArn, new Dictionary<string, string> { ["KeyPairId"] = keyPairId, ["SecretArn"] = secretArn });
    }

    private async Task<CustomResourceResponse> ExistingPairAsync(CustomResourceRequest request, string secretId, CancellationToken cancellationToken)
    {
        var value = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId }, cancellationToken).ConfigureAwait(false);
        var stored = Parse(value.SecretString, secretId);
        var arn = value.ARN ?? secretId;
        return PairAnswer(request, arn, value.Name ?? secretId, KeyPairGenerator.PublicKeyOf(stored.PrivateKey!));
    }

    private async Task<KeyPairSecret> ReadSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        var value = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = secretId }, cancellationToken).ConfigureAwait(false);
        return Parse(value.SecretString, secretId);
    }

    private static KeyPairSecret Parse(string? json, string secretId)
    {
        KeyPairSecret? stored = null;
        try
        {
            stored = json is null ? null : JsonSerializer.Deserialize(json, KeyPairJsonContext.Default.KeyPairSecret);
        }
        catch (JsonException)
        {
            // Reported below without the value.
        }

        return stored is { PrivateKey.Length: > 0 } ? stored : throw new InvalidOperationException($"Secret '{secretId}' does not hold {{\"privateKey\"}} JSON.");
    }

    private static CustomResourceResponse PairAnswer(CustomResourceRequest request, string secretArn, string secretName, string publicKeyPem)
        => CustomResourceResponse.Success(request, secretArn, new Dictionary<string, string>
        {
            ["PublicKeyPem"] = publicKeyPem,
            ["SecretArn"] = secretArn,
            ["SecretName"] = secretName,
            ["KeyName"] = KeyName(secretName),
        });

    /// <summary>
    /// The CloudFront public key's name and caller reference: the secret's name in CloudFront's
    /// alphabet (A-Z a-z 0-9 _ -), at most 128 characters, keeping the end (the request's hash),
    /// so a replaced pair's key never collides with the one it replaces.
    /// </summary>
    internal static string KeyName(string secretName)
    {
        var name = KeyNameAlphabet().Replace(secretName, "-");
        return name.Length <= 128 ? name : name[^128..];
    }

    private static string FallbackId(CustomResourceRequest request) => string.IsNullOrEmpty(request.PhysicalResourceId) ? FailedCreateId(request) : request.PhysicalResourceId;

    private static string SecretNamePrefix(Dictionary<string, JsonElement>? properties)
    {
        var prefix = Property(properties, "SecretNamePrefix") ?? throw new ArgumentException("SecretNamePrefix is required.");
        return SecretNamePattern().IsMatch(prefix) ? prefix : throw new ArgumentException("SecretNamePrefix must be 1 to 400 of A-Z a-z 0-9 / _ + = . @ -.");
    }

    private static string? Property(Dictionary<string, JsonElement>? properties, string name)
        => properties is not null && properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>True when the properties are the same but for the ServiceToken.</summary>
    private static bool SameProperties(Dictionary<string, JsonElement>? current, Dictionary<string, JsonElement>? old)
    {
        static SortedDictionary<string, string> Normalize(Dictionary<string, JsonElement>? properties)
            => new((properties ?? []).Where(p => p.Key != "ServiceToken").ToDictionary(p => p.Key, p => p.Value.GetRawText()), StringComparer.Ordinal);

        var (a, b) = (Normalize(current), Normalize(old));
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
    }

    private static string SecretJson(KeyPairSecret secret) => JsonSerializer.Serialize(secret, KeyPairJsonContext.Default.KeyPairSecret);

    /// <summary>Secrets Manager's idempotency token (32 to 64 characters), the same for a redelivered request.</summary>
    private static string Token(string requestId, string purpose) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(purpose + "\n" + requestId)))[..32];

    private static string Hash(params string[] parts) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16];

    private static string Reason(Exception exception) => exception switch
    {
        AmazonSecretsManagerException refused => refused.Message,
        OperationCanceledException => "Timed out before the function's deadline; nothing is left half-made under this request's id.",
        _ => exception.GetType().Name + ": " + exception.Message,
    };

    [GeneratedRegex(@"^[A-Za-z0-9/_+=.@-]{1,400}\z")]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex KeyNameAlphabet();

    [GeneratedRegex(@"^K[A-Z0-9]{5,63}\z")]
    private static partial Regex KeyPairIdPattern();
}
