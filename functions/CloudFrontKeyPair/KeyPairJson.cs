using System.Text.Json.Serialization;

namespace CrmMail.Functions.CloudFrontKeyPair;

/// <summary>
/// The secret's JSON, the one the suite's signer reads (CrmMail.Aws SecretsManagerCloudFrontSignerSource):
/// <c>{"keyPairId", "privateKey"}</c>. The key pair writes it without <c>keyPairId</c> (CloudFront
/// assigns the id only once the public key exists); the binding resource adds it.
/// </summary>
internal sealed record KeyPairSecret(
    [property: JsonPropertyName("keyPairId")] string? KeyPairId,
    [property: JsonPropertyName("privateKey")] string? PrivateKey);

/// <summary>What the function returns to the Lambda runtime (CloudFormation reads only the PUT answer).</summary>
internal sealed record KeyPairOutcome(string Status, string PhysicalResourceId);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CustomResourceRequest))]
[JsonSerializable(typeof(CustomResourceResponse))]
[JsonSerializable(typeof(KeyPairSecret))]
[JsonSerializable(typeof(KeyPairOutcome))]
internal sealed partial class KeyPairJsonContext : JsonSerializerContext;
