using System.Text.Json.Serialization;

namespace CrmMail.Hosting.Responses;

/// <summary>Source-generated metadata for the error bodies (the suite's and the CRM's).</summary>
[JsonSerializable(typeof(ApiErrorBody))]
[JsonSerializable(typeof(CrmMail.Hosting.Crm.CrmErrorReply))]
public sealed partial class ResponsesJsonContext : JsonSerializerContext;
