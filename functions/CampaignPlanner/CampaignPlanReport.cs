using System.Text.Json.Serialization;
using CrmMail.Campaigns;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>What one planner invocation did (its return value, visible in Lambda's logs and destinations).</summary>
internal sealed record CampaignPlanReport(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("batches")] int Batches);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CampaignPlanReport))]
[JsonSerializable(typeof(PlanRequest))]
internal sealed partial class CampaignPlannerJsonContext : JsonSerializerContext;
