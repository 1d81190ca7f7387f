using System.Text.Json.Serialization;
using CrmMail.Hosting.Responses;

namespace CrmMail.Hosting.Crm;

/// <summary>
/// The CRM's ErrorResponse {success: false, error, timestamp, version}, with the suite's stable
/// <c>code</c> and per-field <c>details</c> beside it (as add-contact answers): the error body of
/// every route the CRM's browser calls with a Firebase ID token (the Outreach send and stats routes).
/// </summary>
public sealed record CrmErrorReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ApiErrorDetail>? Details,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("version")] string Version);
