using System.Text.Json.Serialization;

namespace CrmMail.Functions.Campaigns;

/// <summary>What POST /campaigns reads beside the send-mail body: the key of an uploaded list.</summary>
internal sealed record CampaignListReference([property: JsonPropertyName("recipientsS3Key")] string? RecipientsS3Key);

/// <summary>202 to POST /campaigns.</summary>
internal sealed record CampaignCreatedReply(string CampaignId, string Status, string StatusUrl);

/// <summary>The counts of a campaign.</summary>
internal sealed record CampaignCountsReply(long Total, long Sent, long Suppressed, long Failed, long Pending);

/// <summary>Failed recipients of one reason.</summary>
internal sealed record CampaignFailureReply(string Reason, long Count);

/// <summary>200 to GET /campaigns/{id}.</summary>
internal sealed record CampaignStatusReply(
    string CampaignId,
    string Status,
    CampaignCountsReply Counts,
    double Progress,
    string CreatedAt,
    string? StartedAt,
    string? FinishedAt,
    IReadOnlyList<CampaignFailureReply> Failures);

/// <summary>One recipient of a page.</summary>
internal sealed record CampaignRecipientReply(
    int Index,
    string Email,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MessageId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    string? RecordedAt);

/// <summary>200 to GET /campaigns/{id}/recipients.</summary>
internal sealed record CampaignRecipientsReply(string CampaignId, string Status, IReadOnlyList<CampaignRecipientReply> Recipients, string? NextToken);

/// <summary>200 to pause, resume and cancel.</summary>
internal sealed record CampaignControlReply(string CampaignId, string Status, int Requeued);

/// <summary>201 to POST /campaigns/uploads.</summary>
internal sealed record CampaignUploadReply(string Key, string Url, string Method, string ExpiresAt);

/// <summary>Source-generated JSON of the campaign API (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CampaignListReference))]
[JsonSerializable(typeof(CampaignCreatedReply))]
[JsonSerializable(typeof(CampaignStatusReply))]
[JsonSerializable(typeof(CampaignRecipientsReply))]
[JsonSerializable(typeof(CampaignControlReply))]
[JsonSerializable(typeof(CampaignUploadReply))]
internal sealed partial class CampaignsJsonContext : JsonSerializerContext;
