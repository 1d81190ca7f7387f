using System.Text.Json.Serialization;

namespace CrmMail.LocalSuite.Adapters;

/// <summary>Source-generated JSON for the local events and counters files (<see cref="FileDeliveryEvents"/>).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Dictionary<string, StoredDeliveryEvent>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, long>>))]
internal sealed partial class LocalDeliveryJsonContext : JsonSerializerContext;
