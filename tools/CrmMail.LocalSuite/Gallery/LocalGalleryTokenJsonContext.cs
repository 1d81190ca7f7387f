using System.Text.Json.Serialization;

namespace CrmMail.LocalSuite.Gallery;

/// <summary>Source-generated JSON for the local token header and the gallery page's small answers.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class LocalGalleryTokenJsonContext : JsonSerializerContext;
