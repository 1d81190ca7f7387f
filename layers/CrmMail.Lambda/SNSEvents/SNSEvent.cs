using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SNSEvents;

/// <summary>An SNS event delivered to Lambda; wire names are PascalCase.</summary>
public sealed class SNSEvent
{
    /// <summary>The records (Lambda delivers one per invocation for SNS, but the shape is a list).</summary>
    [JsonPropertyName("Records")]
    public IList<SNSRecord>? Records { get; init; }
}
