using System.Text.Json.Serialization;

namespace CrmMail.Hosting.Responses;

/// <summary>The body of every error response.</summary>
public sealed record ApiErrorBody([property: JsonPropertyName("error")] ApiError Error);

/// <summary>A typed error: stable code, message, optional per-field details.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiErrorDetail>? Details);

/// <summary>One field's error.</summary>
public sealed record ApiErrorDetail(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("message")] string Message);
