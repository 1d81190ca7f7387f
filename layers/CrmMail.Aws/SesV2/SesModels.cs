using System.Text.Json.Serialization;

namespace CrmMail.Aws.SesV2;

#pragma warning disable CA1002, CA2227 // Wire DTOs: shapes and names are botocore's.

/// <summary>TopicPreference / TopicDefaultPreference.</summary>
public sealed record SesTopicPreference(string TopicName, string SubscriptionStatus);

/// <summary>GetContact's response (and a ListContacts entry).</summary>
public sealed record SesContact
{
    /// <summary>The address.</summary>
    public string? EmailAddress { get; init; }

    /// <summary>Explicit preferences.</summary>
    public IReadOnlyList<SesTopicPreference>? TopicPreferences { get; init; }

    /// <summary>The list's defaults for topics without an explicit preference.</summary>
    public IReadOnlyList<SesTopicPreference>? TopicDefaultPreferences { get; init; }

    /// <summary>Unsubscribed from every topic.</summary>
    public bool UnsubscribeAll { get; init; }

    /// <summary>Free-form attributes (JSON string).</summary>
    public string? AttributesData { get; init; }

    /// <summary>
    /// When the contact last changed, as sent: SES's REST-JSON timestamp is epoch seconds (a
    /// number), moto sends an ISO 8601 string; kept raw so either reads (crm-mail contacts export).
    /// </summary>
    public System.Text.Json.JsonElement? LastUpdatedTimestamp { get; init; }
}

/// <summary>CreateContact's body.</summary>
public sealed record SesCreateContactRequest(string EmailAddress, IReadOnlyList<SesTopicPreference> TopicPreferences, bool UnsubscribeAll)
{
    /// <summary>Free-form attributes (JSON string).</summary>
    public string? AttributesData { get; init; }
}

/// <summary>UpdateContact's body: what is left out is removed.</summary>
public sealed record SesUpdateContactRequest(IReadOnlyList<SesTopicPreference> TopicPreferences, bool UnsubscribeAll)
{
    /// <summary>Free-form attributes (JSON string).</summary>
    public string? AttributesData { get; init; }
}

/// <summary>ListContacts' filter.</summary>
public sealed record SesListContactsFilter(string FilteredStatus, SesTopicFilter? TopicFilter);

/// <summary>ListContacts' topic filter.</summary>
public sealed record SesTopicFilter(string TopicName)
{
    /// <summary>Also match contacts that only have the topic's default.</summary>
    public bool? UseDefaultIfPreferenceUnavailable { get; init; }
}

/// <summary>ListContacts' body.</summary>
public sealed record SesListContactsRequest
{
    /// <summary>The filter.</summary>
    public SesListContactsFilter? Filter { get; init; }

    /// <summary>Page size (1..1000).</summary>
    public int? PageSize { get; init; }

    /// <summary>The previous page's token.</summary>
    public string? NextToken { get; init; }
}

/// <summary>ListContacts' response.</summary>
public sealed record SesListContactsResponse
{
    /// <summary>The page.</summary>
    public IReadOnlyList<SesContact>? Contacts { get; init; }

    /// <summary>Set when more pages follow.</summary>
    public string? NextToken { get; init; }
}

/// <summary>SendEmail's body.</summary>
public sealed record SesSendEmailRequest
{
    /// <summary>From.</summary>
    public required string FromEmailAddress { get; init; }

    /// <summary>Recipients.</summary>
    public required SesDestination Destination { get; init; }

    /// <summary>Reply-To.</summary>
    public IReadOnlyList<string>? ReplyToAddresses { get; init; }

    /// <summary>Simple or raw content.</summary>
    public required SesEmailContent Content { get; init; }

    /// <summary>Let SES own the unsubscribe headers for this list and topic.</summary>
    public SesListManagementOptions? ListManagementOptions { get; init; }

    /// <summary>Message tags.</summary>
    public IReadOnlyList<SesMessageTag>? EmailTags { get; init; }

    /// <summary>Configuration set.</summary>
    public string? ConfigurationSetName { get; init; }
}

/// <summary>Destination.</summary>
public sealed record SesDestination(IReadOnlyList<string> ToAddresses);

/// <summary>Content: exactly one of Simple or Raw.</summary>
public sealed record SesEmailContent
{
    /// <summary>Subject, bodies and custom headers.</summary>
    public SesSimpleMessage? Simple { get; init; }

    /// <summary>A complete MIME message.</summary>
    public SesRawMessage? Raw { get; init; }
}

/// <summary>Simple content.</summary>
public sealed record SesSimpleMessage(SesContent Subject, SesBody Body)
{
    /// <summary>Custom headers (at most 15; value 1..870 printable ASCII).</summary>
    public IReadOnlyList<SesMessageHeader>? Headers { get; init; }
}

/// <summary>Text with its charset.</summary>
public sealed record SesContent(string Data, string Charset = "UTF-8");

/// <summary>HTML and/or text bodies.</summary>
public sealed record SesBody
{
    /// <summary>The HTML body.</summary>
    public SesContent? Html { get; init; }

    /// <summary>The text body.</summary>
    public SesContent? Text { get; init; }
}

/// <summary>A custom header.</summary>
public sealed record SesMessageHeader(string Name, string Value);

/// <summary>Raw content: the MIME bytes (base64 on the wire).</summary>
public sealed record SesRawMessage(byte[] Data);

/// <summary>ListManagementOptions.</summary>
public sealed record SesListManagementOptions(string ContactListName, string? TopicName);

/// <summary>A message tag.</summary>
public sealed record SesMessageTag(string Name, string Value);

/// <summary>SendEmail's response.</summary>
public sealed record SesSendEmailResponse(string? MessageId);

/// <summary>An error body.</summary>
public sealed record SesErrorBody
{
    /// <summary>The error type (JSON protocols put it here).</summary>
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    /// <summary>The code (some errors use this name).</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>The message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The message (capitalised variant).</summary>
    [JsonPropertyName("Message")]
    public string? MessageUpper { get; init; }
}

/// <summary>An empty response body.</summary>
public sealed record SesEmpty;

/// <summary>A contact list topic (CreateContactList).</summary>
public sealed record SesTopic(string TopicName, string DisplayName, string DefaultSubscriptionStatus)
{
    /// <summary>What the topic is about.</summary>
    public string? Description { get; init; }
}

/// <summary>CreateContactList's body.</summary>
public sealed record SesCreateContactListRequest(string ContactListName, IReadOnlyList<SesTopic> Topics)
{
    /// <summary>What the list is for.</summary>
    public string? Description { get; init; }
}

/// <summary>CreateEmailIdentity's body (an address or a domain).</summary>
public sealed record SesCreateEmailIdentityRequest(string EmailIdentity);

/// <summary>EmailTemplateContent: a template's subject, html and text (each may hold {{name}} placeholders).</summary>
public sealed record SesEmailTemplateContent(string? Subject, string? Html, string? Text);

/// <summary>CreateEmailTemplate's body.</summary>
public sealed record SesCreateEmailTemplateRequest(string TemplateName, SesEmailTemplateContent TemplateContent);

/// <summary>UpdateEmailTemplate's body (the name is in the path).</summary>
public sealed record SesUpdateEmailTemplateRequest(SesEmailTemplateContent TemplateContent);

/// <summary>GetEmailTemplate's response.</summary>
public sealed record SesGetEmailTemplateResponse(string? TemplateName, SesEmailTemplateContent? TemplateContent);

/// <summary>A ListEmailTemplates entry (EmailTemplateMetadata; the timestamp is not read).</summary>
public sealed record SesEmailTemplateMetadata(string? TemplateName);

/// <summary>ListEmailTemplates' response: one page.</summary>
public sealed record SesListEmailTemplatesResponse(IReadOnlyList<SesEmailTemplateMetadata>? TemplatesMetadata, string? NextToken);

/// <summary>Source-generated metadata; nulls are left out as botocore leaves out unset members.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SesContact))]
[JsonSerializable(typeof(SesCreateContactRequest))]
[JsonSerializable(typeof(SesUpdateContactRequest))]
[JsonSerializable(typeof(SesListContactsRequest))]
[JsonSerializable(typeof(SesListContactsResponse))]
[JsonSerializable(typeof(SesSendEmailRequest))]
[JsonSerializable(typeof(SesSendEmailResponse))]
[JsonSerializable(typeof(SesErrorBody))]
[JsonSerializable(typeof(SesEmpty))]
[JsonSerializable(typeof(SesCreateContactListRequest))]
[JsonSerializable(typeof(SesCreateEmailIdentityRequest))]
[JsonSerializable(typeof(SesCreateEmailTemplateRequest))]
[JsonSerializable(typeof(SesUpdateEmailTemplateRequest))]
[JsonSerializable(typeof(SesGetEmailTemplateResponse))]
[JsonSerializable(typeof(SesListEmailTemplatesResponse))]
public sealed partial class SesJsonContext : JsonSerializerContext;
