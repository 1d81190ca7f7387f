using System.Text.Json.Serialization;

namespace CrmMail.Mail.Transport;

/// <summary>Source-generated JSON for a Mailgun template version's headers (AOT).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MailgunTemplateJsonContext : JsonSerializerContext;
