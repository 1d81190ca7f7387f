using System.Text.Json.Serialization;

namespace CrmMail.Functions.AddContact;

/// <summary>The request body.</summary>
internal sealed record AddContactBody(
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("topics")] IReadOnlyList<string>? Topics,
    [property: JsonPropertyName("token")] string? Token);

/// <summary>The response body, as the CRM's API has it: success with message or error, a timestamp and the API version.</summary>
internal sealed record AddContactReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonPropertyName("topics"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Topics,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);

[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AddContactBody))]
[JsonSerializable(typeof(AddContactReply))]
internal sealed partial class AddContactJsonContext : JsonSerializerContext;
