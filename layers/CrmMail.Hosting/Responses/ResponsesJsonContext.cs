using System.Text.Json.Serialization;

namespace CrmMail.Hosting.Responses;

/// <summary>Source-generated metadata for the error body.</summary>
[JsonSerializable(typeof(ApiErrorBody))]
public sealed partial class ResponsesJsonContext : JsonSerializerContext;
