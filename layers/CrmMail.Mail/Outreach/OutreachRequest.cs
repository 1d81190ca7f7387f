using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmMail.Mail.Outreach;

/// <summary>
/// The body of POST /outreach/send-email (SendEmailRequest) and /outreach/send-template-email
/// (SendTemplateEmailRequest), as the CRM sends them: one type, since the template route's
/// fields are the same addressing fields plus <see cref="Template"/> and <see cref="TemplateVariables"/>.
/// </summary>
public sealed record OutreachRequest
{
    /// <summary>A recipient or a list of recipients (string or string[]).</summary>
    [JsonPropertyName("to")]
    public JsonElement? To { get; init; }

    /// <summary>Subject (send-email: required; template: optional, overrides the template's).</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// <summary>HTML body (send-email).</summary>
    [JsonPropertyName("html")]
    public string? Html { get; init; }

    /// <summary>Text body (send-email).</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>Sender; the deployment's default when absent.</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>Reply-To.</summary>
    [JsonPropertyName("replyTo")]
    public string? ReplyTo { get; init; }

    /// <summary>Tags; the first names the message's campaign tag.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string?>? Tags { get; init; }

    /// <summary>Custom variables, sent to the provider (send-email).</summary>
    [JsonPropertyName("customVariables")]
    public IReadOnlyDictionary<string, JsonElement>? CustomVariables { get; init; }

    /// <summary>Open, click and unsubscribe tracking.</summary>
    [JsonPropertyName("trackingSettings")]
    public OutreachTrackingSettings? TrackingSettings { get; init; }

    /// <summary>The stored template's name (send-template-email).</summary>
    [JsonPropertyName("template")]
    public string? Template { get; init; }

    /// <summary>The template's variables, rendered here, never sent to the provider (send-template-email).</summary>
    [JsonPropertyName("templateVariables")]
    public IReadOnlyDictionary<string, JsonElement>? TemplateVariables { get; init; }
}
