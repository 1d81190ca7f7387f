using System.Text.Json.Serialization;
using CrmMail.Campaigns;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>The SQS event in, the partial batch response out, and each message's body (a <see cref="PlanRequest"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SQSEvent))]
[JsonSerializable(typeof(SQSBatchResponse))]
[JsonSerializable(typeof(PlanRequest))]
internal sealed partial class CampaignPlannerJsonContext : JsonSerializerContext;
