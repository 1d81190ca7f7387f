using System.Text.Json.Serialization;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.SNSEvents;

namespace CrmMail.Lambda.Serialization.SystemTextJson;

/// <summary>Source-generated metadata for the event and response types of this layer.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(SNSEvent))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext;
