using System.Text.Json.Serialization;

namespace CrmMail.Mail.Outreach;

/// <summary>Source-generated JSON for the outreach request bodies (AOT).</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(OutreachRequest))]
public sealed partial class OutreachJsonContext : JsonSerializerContext;
