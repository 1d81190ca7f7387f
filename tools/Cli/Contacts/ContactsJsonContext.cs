using System.Text.Json.Serialization;

namespace CrmMail.Cli.Contacts;

/// <summary>The export's JSON lines (source-generated: the CLI stays AOT- and trim-clean).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ContactExportLine))]
internal sealed partial class ContactsJsonContext : JsonSerializerContext;
