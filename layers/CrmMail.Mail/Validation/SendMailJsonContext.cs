using System.Text.Json.Serialization;

namespace CrmMail.Mail.Validation;

/// <summary>Source-generated metadata for the request.</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = false)]
[JsonSerializable(typeof(SendMailRequest))]
public sealed partial class SendMailJsonContext : JsonSerializerContext;
