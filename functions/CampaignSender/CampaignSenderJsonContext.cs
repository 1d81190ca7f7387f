using System.Text.Json.Serialization;
using CrmMail.Lambda.SQSEvents;

namespace CrmMail.Functions.CampaignSender;

/// <summary>The SQS event in, the partial batch response out.</summary>
[JsonSerializable(typeof(SQSEvent))]
[JsonSerializable(typeof(SQSBatchResponse))]
internal sealed partial class CampaignSenderJsonContext : JsonSerializerContext;
