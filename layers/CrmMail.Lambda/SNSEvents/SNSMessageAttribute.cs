using System.Text.Json.Serialization;

namespace CrmMail.Lambda.SNSEvents;

/// <summary>A message attribute (official name: SNSEvent.MessageAttribute).</summary>
public sealed class SNSMessageAttribute
{
    /// <summary>String, Number, Binary, String.Array.</summary>
    [JsonPropertyName("Type")]
    public string? Type { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("Value")]
    public string? Value { get; init; }
}
