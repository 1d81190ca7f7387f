using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmMail.Mail.Validation;

#pragma warning disable CA2227, CA1002 // Wire DTO: the CRM's request as it is sent today.

/// <summary>The body of POST /send-mail, as the CRM sends it.</summary>
public sealed record SendMailRequest
{
    /// <summary>Recipients.</summary>
    [JsonPropertyName("to")]
    public IReadOnlyList<string?>? To { get; init; }

    /// <summary>Subject (at most 998 characters, one line).</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// <summary>The CRM's HTML body.</summary>
    [JsonPropertyName("html")]
    public string? Html { get; init; }

    /// <summary>The CRM's text body.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>From: an address or "Name &lt;address&gt;".</summary>
    [JsonPropertyName("from")]
    public string? From { get; init; }

    /// <summary>Reply-To, optional.</summary>
    [JsonPropertyName("replyTo")]
    public string? ReplyTo { get; init; }

    /// <summary>The campaign.</summary>
    [JsonPropertyName("campaign")]
    public SendMailCampaign? Campaign { get; init; }

    /// <summary>Attach report links for <see cref="CustomIds"/>.</summary>
    [JsonPropertyName("attachReporting")]
    public bool? AttachReporting { get; init; }

    /// <summary>The payees whose reports to link.</summary>
    [JsonPropertyName("customIds")]
    public IReadOnlyList<string?>? CustomIds { get; init; }

    /// <summary>Report month (01–12), string or number; the campaign's wins when both are set.</summary>
    [JsonPropertyName("month")]
    public JsonElement? Month { get; init; }

    /// <summary>Report year (four digits), string or number.</summary>
    [JsonPropertyName("year")]
    public JsonElement? Year { get; init; }
}

/// <summary>The campaign block.</summary>
public sealed record SendMailCampaign
{
    /// <summary>Campaign name (tags, audit).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>financial or newsletter.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Report month.</summary>
    [JsonPropertyName("month")]
    public JsonElement? Month { get; init; }

    /// <summary>Report year.</summary>
    [JsonPropertyName("year")]
    public JsonElement? Year { get; init; }
}
