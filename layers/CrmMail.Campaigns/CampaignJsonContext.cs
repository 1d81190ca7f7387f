using System.Text.Json.Serialization;

namespace CrmMail.Campaigns;

/// <summary>
/// Source-generated JSON for what the campaign's pieces hand each other: a queue message
/// (<see cref="CampaignBatch"/>), the stored <see cref="CampaignContent"/> and the planner's
/// event (<see cref="PlanRequest"/>). camelCase, enums by name.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, AllowTrailingCommas = false)]
[JsonSerializable(typeof(CampaignBatch))]
[JsonSerializable(typeof(CampaignContent))]
[JsonSerializable(typeof(PlanRequest))]
[JsonSerializable(typeof(RecipientLine))]
public sealed partial class CampaignJsonContext : JsonSerializerContext;
