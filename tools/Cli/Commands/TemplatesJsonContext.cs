using System.Text.Json.Serialization;
using CrmMail.Mail.Templates;

namespace CrmMail.Cli.Commands;

/// <summary>Source-generated JSON for <c>templates get</c>.</summary>
[JsonSerializable(typeof(EmailTemplate))]
internal sealed partial class TemplatesJsonContext : JsonSerializerContext;
