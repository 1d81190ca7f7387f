using System.Text.Json.Serialization;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>Source-generated JSON for the local gallery's files.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
internal sealed partial class LocalGalleryJsonContext : JsonSerializerContext;
