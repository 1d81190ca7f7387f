using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace CrmMail.ApiDocs;

/// <summary>
/// The reusable request and response schemas of the whole API: the one source of both the
/// OpenAPI document's components and API Gateway's request models (infra converts a schema to
/// JSON schema draft 4). Each call builds fresh objects, so no caller can change another's.
/// Nested objects are written inline, not as references, so a schema stands alone as a model.
/// </summary>
public static class ApiSchemas
{
    /// <summary>Every component schema by its id (<see cref="ApiSchemaIds"/>), in document order.</summary>
    public static IReadOnlyList<KeyValuePair<string, OpenApiSchema>> All() =>
    [
        new(ApiSchemaIds.ErrorBody, ErrorBody()),
        new(ApiSchemaIds.GatewayError, Object("API Gateway's own refusal (missing or wrong API key, throttling, quota).", ["message"], ("message", String()))),
        new(ApiSchemaIds.SendMailRequest, SendMailRequest()),
        new(ApiSchemaIds.SendMailResponse, SendMailResponse()),
        new(ApiSchemaIds.OneClickForm, Object("RFC 8058's one-click body.", ["List-Unsubscribe"], ("List-Unsubscribe", Enum("One-Click")))),
        new(ApiSchemaIds.AddContactRequest, AddContactRequest()),
        new(ApiSchemaIds.AddContactResponse, AddContactResponse()),
        new(ApiSchemaIds.MailgunWebhookRequest, MailgunWebhookRequest()),
        new(ApiSchemaIds.MailgunWebhookResponse, CrmReply("The webhook's answer: 200 acknowledged (also for a duplicate), 401 bad signature, 406 not a webhook (Mailgun stops retrying), 503 retry later.", ("message", String()), ("eventId", Nullable(String())), ("eventType", Nullable(String())))),
        new(ApiSchemaIds.SendEmailRequest, SendEmailRequest()),
        new(ApiSchemaIds.SendTemplateEmailRequest, SendTemplateEmailRequest()),
        new(ApiSchemaIds.EmailResponse, EmailResponse()),
        new(ApiSchemaIds.ErrorResponse, ErrorResponse()),
        new(ApiSchemaIds.GalleryPage, GalleryPage()),
        new(ApiSchemaIds.GalleryUploadRequest, Object(
            "One new image for the space: the server chooses its key; the type must be on the deployment's list and the size within its limit.",
            ["contentType", "size"],
            ("fileName", String(maxLength: 255, description: "The caller's file name (or `name`); reduced to [A-Za-z0-9_-] in the key.")),
            ("name", String(maxLength: 255)),
            ("contentType", String(description: "e.g. image/png; one of GALLERY_UPLOAD_TYPES.")),
            ("size", Number()))),
        new(ApiSchemaIds.GalleryUploadTicket, Object(
            "A signed PUT through the distribution's upload behaviour, for exactly this key, type and size.",
            ["key", "url", "method", "headers", "expiresAt"],
            ("key", String()),
            ("url", String(format: "uri")),
            ("method", Enum("PUT")),
            ("headers", StringMap()),
            ("expiresAt", String(format: "date-time")))),
        new(ApiSchemaIds.CampaignStatsResponse, CampaignStatsResponse()),
        new(ApiSchemaIds.TrackingDataResponse, TrackingDataResponse()),
        new(ApiSchemaIds.CampaignRequest, CampaignRequest()),
        new(ApiSchemaIds.CampaignCreated, Object(
            "The campaign is stored and handed to the planner; poll statusUrl.",
            ["campaignId", "status", "statusUrl"],
            ("campaignId", String(description: "32 lower-case hex digits.")),
            ("status", Enum("queued")),
            ("statusUrl", String(description: "The status path, relative to the API's base URL: /campaigns/{campaignId}.")))),
        new(ApiSchemaIds.CampaignStatus, CampaignStatus()),
        new(ApiSchemaIds.CampaignRecipientsPage, CampaignRecipientsPage()),
        new(ApiSchemaIds.CampaignControl, Object(
            "The campaign's state after the change; requeued counts the parked batches a resume put back on the queue.",
            ["campaignId", "status", "requeued"],
            ("campaignId", String()),
            ("status", CampaignStates()),
            ("requeued", Number()))),
        new(ApiSchemaIds.CampaignUploadTicket, Object(
            "A presigned S3 PUT for one new object in the private campaign bucket: PUT the list (CSV or JSON lines) to url before expiresAt, then pass key as recipientsS3Key.",
            ["key", "url", "method", "expiresAt"],
            ("key", String()),
            ("url", String(format: "uri")),
            ("method", Enum("PUT")),
            ("expiresAt", String(format: "date-time")))),
    ];

    /// <summary>The schema with component id <paramref name="id"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such component.</exception>
    public static OpenApiSchema Get(string id)
        => All().FirstOrDefault(s => s.Key == id).Value ?? throw new KeyNotFoundException("No schema component named " + id + ".");

    /// <summary>
    /// The body of POST /send-mail (CrmMail.Mail.Validation.SendMailRequest). Shape only:
    /// required fields, types, the campaign type's values and the subject's and campaign
    /// name's lengths. Everything the function accepts passes; the function keeps the rules a
    /// schema cannot state (address syntax, line breaks, limits that are settings).
    /// </summary>
    private static OpenApiSchema SendMailRequest()
    {
        var schema = Object(
            "A report or newsletter mail to a list of recipients. Each recipient goes through the campaign type's subscription gate and gets its own unsubscribe link.",
            ["to", "subject", "html", "text", "from", "campaign"],
            // The count limit (the maximum recipients setting, after de-duplication) stays the function's: a setting and a 413.
            ("to", Array(String(), minItems: 1, description: "Recipients (display names allowed); duplicates are sent once.")),
            // maxLength counts code points, never more than .NET's UTF-16 length: nothing the function accepts is refused.
            ("subject", String(minLength: 1, maxLength: 998)),
            ("html", String(minLength: 1)),
            ("text", String(minLength: 1)),
            ("from", String(minLength: 1, description: "Sender, e.g. \"Reports <reports@example.com>\".")),
            ("replyTo", Nullable(String())),
            ("campaign", Object(
                null,
                ["name", "type"],
                ("name", String(minLength: 1, maxLength: 256)),
                ("type", Enum("financial", "newsletter")))),
            ("attachReporting", Nullable(Boolean("Link each recipient's reports (customIds, month, year) as signed CloudFront URLs."))),
            // Checked by the function only with attachReporting (null entries pass without it).
            ("customIds", Nullable(Array(Nullable(String()), description: "Report ids (with attachReporting)."))));
        schema.Title = ApiSchemaIds.SendMailRequest;
        // month and year (top level and in campaign) are strings or numbers, read only with
        // attachReporting: any JSON passes, so they are not listed (unknown properties are ignored).
        return schema;
    }

    /// <summary>
    /// The body of POST /campaigns: send-mail's body where <c>to</c> is optional, because the
    /// recipients may instead be an uploaded list named by <c>recipientsS3Key</c>.
    /// </summary>
    private static OpenApiSchema CampaignRequest()
    {
        var schema = SendMailRequest();
        schema.Title = ApiSchemaIds.CampaignRequest;
        schema.Description = "A campaign: send-mail's body, with the recipients inline in `to` (at most CAMPAIGN_MAX_RECIPIENTS distinct) or in an uploaded list named by `recipientsS3Key` (at most CAMPAIGN_LIST_MAX_RECIPIENTS), never both.";
        schema.Required!.Remove("to");
        schema.Properties!["recipientsS3Key"] = String(minLength: 1, description: "The key from POST /campaigns/uploads whose object holds the list: CSV (`email[,customIds]`, header optional) or JSON lines (`{\"email\":…}`).");
        return schema;
    }

    private static OpenApiSchema CampaignStates() => Enum("queued", "sending", "paused", "completed", "cancelled", "failed");

    private static OpenApiSchema CampaignStatus() => Object(
        "A campaign as its creator sees it. progress is (sent + suppressed + failed) / total, 0 to 1.",
        ["campaignId", "status", "counts", "progress", "createdAt", "failures"],
        ("campaignId", String()),
        ("status", CampaignStates()),
        ("counts", Object(null, ["total", "sent", "suppressed", "failed", "pending"], ("total", Number()), ("sent", Number()), ("suppressed", Number()), ("failed", Number()), ("pending", Number()))),
        ("progress", Number()),
        ("createdAt", String(format: "date-time")),
        ("startedAt", Nullable(String(format: "date-time"))),
        ("finishedAt", Nullable(String(format: "date-time"))),
        ("failures", Array(Object("Failed recipients of one reason (a short code such as outcome_unknown).", ["reason", "count"], ("reason", String()), ("count", Number())))));

    private static OpenApiSchema CampaignRecipientsPage() => Object(
        "One page of the recipients with one result, in list order. Addresses are shown to the creating API key only (any other key gets 404).",
        ["campaignId", "status", "recipients"],
        ("campaignId", String()),
        ("status", Enum("failed", "suppressed", "sent")),
        ("recipients", Array(Object(null, ["index", "email", "status"],
            ("index", Number()),
            ("email", String()),
            ("status", Enum("failed", "suppressed", "sent")),
            ("messageId", String(description: "The mail service's id (sent only).")),
            ("error", String(description: "The short error code (failed only).")),
            ("recordedAt", Nullable(String(format: "date-time")))))),
        ("nextToken", Nullable(String(description: "Opaque; pass it back for the next page. Null on the last page."))));

    private static OpenApiSchema SendMailResponse() => CrmReply(
        "One result per distinct recipient: 200 when none failed, 207 when some failed, 502 when all failed.",
        ("results", Array(Object(
            null,
            ["email", "status"],
            ("email", String()),
            ("status", Enum("sent", "suppressed", "failed")),
            ("messageId", String(description: "The mail service's id (sent only).")),
            ("error", Object("Why this recipient failed: a short code and a sentence.", ["code", "message"], ("code", String()), ("message", String())))))));

    private static OpenApiSchema ErrorBody() => Object(
        "The suite's error body: a stable machine code, a sentence, and per-field details where a field was wrong.",
        ["error"],
        ("error", Object(
            null,
            ["code", "message"],
            ("code", String(description: "e.g. validation_failed, invalid_json, too_many_recipients, unavailable.")),
            ("message", String()),
            ("details", Array(Object(null, ["field", "message"], ("field", String()), ("message", String())))))));

    private static OpenApiSchema GalleryPage() => Object(
        "A page of the space's images. Every url carries the same CloudFront custom-policy signature (resource: the space's prefix with a wildcard), valid until expiresAt.",
        ["images", "expiresAt"],
        ("images", Array(Object(null, ["key", "name", "size", "lastModified", "url"],
            ("key", String()),
            ("name", String()),
            ("size", Number()),
            ("lastModified", String(format: "date-time")),
            ("url", String(format: "uri"))))),
        ("nextToken", Nullable(String(description: "Opaque; pass it back for the next page. Null on the last page."))),
        ("expiresAt", String(format: "date-time")));

    private static OpenApiSchema AddContactRequest() => Object(
        "Resubscribe an address: as a signed-in CRM user (Bearer), or from the confirmation page with the resubscribe token of the unsubscribe link.",
        ["email"],
        ("email", String()),
        ("topics", Array(String(), description: "Topics to opt back in to (financial, outreach); absent: the link's topic.")),
        ("token", String(description: "The resubscribe token from the unsubscribe redirect (without Bearer).")));

    private static OpenApiSchema AddContactResponse() => CrmReply(
        "The CRM's reply shape: message on success, error and code otherwise.",
        ("message", String()),
        ("error", String()),
        ("code", String(description: "Machine code of an error, e.g. invalid_credentials, email_not_verified, unavailable.")),
        ("topics", Array(String())));

    private static OpenApiSchema MailgunWebhookRequest() => Object(
        "Mailgun's event webhook. The signature is hex HMAC-SHA256 of timestamp + token with the webhook signing key; the token is remembered so a replay is refused.",
        ["signature", "event-data"],
        ("signature", Object(null, ["timestamp", "token", "signature"], ("timestamp", String()), ("token", String()), ("signature", String()))),
        ("event-data", Object(
            "The event (accepted, delivered, opened, clicked, unsubscribed, complained, failed); other fields are kept as Mailgun sends them.",
            ["event", "id"],
            ("event", String()),
            ("id", String()),
            ("timestamp", Number()),
            ("recipient", String()),
            ("severity", String()))));

    private static OpenApiSchema TrackingSettings() => Object(
        null,
        [],
        ("opens", Boolean()),
        ("clicks", Boolean()),
        ("unsubscribes", Boolean()));

    // The CRM's outreach contracts (its OpenAPI 3 document), kept as the CRM wrote them.
    private static OpenApiSchema Recipients() => new()
    {
        OneOf = [String(format: "email"), Array(String(format: "email"))],
    };

    private static OpenApiSchema SendEmailRequest() => Object(
        "The CRM's outreach send-email body: html and/or text.",
        ["to", "subject"],
        ("to", Recipients()),
        ("subject", String(maxLength: 998)),
        ("html", String()),
        ("text", String()),
        ("from", String(format: "email")),
        ("replyTo", String(format: "email")),
        ("tags", Array(String())),
        ("customVariables", StringMap()),
        ("trackingSettings", TrackingSettings()));

    private static OpenApiSchema SendTemplateEmailRequest()
    {
        var schema = Object(
            "The CRM's outreach send-template-email body.",
            ["to", "template"],
            ("to", Recipients()),
            ("template", String()),
            ("subject", String()),
            ("templateVariables", new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true }),
            ("from", String(format: "email")),
            ("replyTo", String(format: "email")),
            ("tags", Array(String())),
            ("trackingSettings", TrackingSettings()));
        return schema;
    }

    private static OpenApiSchema EmailResponse() => CrmReply(
        "The CRM's outreach send answer.",
        ("message", String()),
        ("messageId", String()),
        ("data", Object(null, [], ("id", String()), ("message", String()))));

    private static OpenApiSchema ErrorResponse()
    {
        var success = Boolean();
        success.Examples = [JsonValue.Create(false)];
        return Object(
            "The CRM's outreach error body.",
            [],
            ("success", success),
            ("error", String()),
            ("timestamp", String(format: "date-time")),
            ("version", String()));
    }

    // The CRM's reply envelope: success, the route's fields, timestamp and version.
    private static OpenApiSchema CrmReply(string description, params (string Name, OpenApiSchema Schema)[] fields)
        => Object(description, ["success", "timestamp", "version"], [("success", Boolean()), .. fields, ("timestamp", String(format: "date-time")), ("version", String())]);

    private static OpenApiSchema Object(string? description, string[] required, params (string Name, OpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = required.Length == 0 ? null : new HashSet<string>(required, StringComparer.Ordinal),
        Properties = properties.ToDictionary(p => p.Name, p => (IOpenApiSchema)p.Schema, StringComparer.Ordinal),
    };

    private static OpenApiSchema String(int? minLength = null, int? maxLength = null, string? format = null, string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        MinLength = minLength,
        MaxLength = maxLength,
        Format = format,
        Description = description,
    };

    private static OpenApiSchema Boolean(string? description = null) => new() { Type = JsonSchemaType.Boolean, Description = description };

    private static OpenApiSchema Number() => new() { Type = JsonSchemaType.Number };

    private static OpenApiSchema Array(OpenApiSchema items, int? minItems = null, string? description = null) => new()
    {
        Type = JsonSchemaType.Array,
        Items = items,
        MinItems = minItems,
        Description = description,
    };

    private static OpenApiSchema Enum(params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };

    private static OpenApiSchema StringMap() => new()
    {
        Type = JsonSchemaType.Object,
        AdditionalProperties = String(),
    };

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    // The CRM's pagination object, with truncated: the total is a lower bound (more matched than one request reads).
    private static OpenApiSchema Pagination() => Object(
        null,
        ["total", "limit", "offset", "hasMore"],
        ("total", Number()),
        ("limit", Number()),
        ("offset", Number()),
        ("hasMore", Boolean()),
        ("truncated", Boolean("More matched than one request reads (10,000 events): total is a lower bound; narrow the dates.")));

    private static OpenApiSchema CampaignStatsResponse() => CrmReply(
        "The CRM's CampaignStatsResponse, from the per-campaign, per-day counters. opens and clicks count recipients once per campaign "
            + "(the rates' basis: openRate = opens / delivered, clickRate = clicks / opens, deliveryRate = delivered / totalSent, percentages); "
            + "totalOpens and totalClicks count every one.",
        ("data", Object(
            null,
            ["totalSent", "delivered", "opens", "clicks", "bounces", "complaints", "unsubscribes", "deliveryRate", "openRate", "clickRate", "campaigns"],
            ("totalSent", Number()),
            ("delivered", Number()),
            ("opens", Number()),
            ("clicks", Number()),
            ("bounces", Number()),
            ("complaints", Number()),
            ("unsubscribes", Number()),
            ("deliveryRate", Number()),
            ("openRate", Number()),
            ("clickRate", Number()),
            ("campaigns", Array(Object(
                "One campaign (its campaign tag) over the range.",
                ["name", "sent", "delivered", "opens", "clicks"],
                ("name", String()),
                ("sent", Number()),
                ("delivered", Number()),
                ("opens", Number()),
                ("clicks", Number()),
                ("bounces", Number()),
                ("complaints", Number()),
                ("unsubscribes", Number()),
                ("suppressed", Number()),
                ("totalOpens", Number()),
                ("totalClicks", Number()),
                ("deliveryRate", Number()),
                ("openRate", Number()),
                ("clickRate", Number())))),
            ("totalOpens", Number()),
            ("totalClicks", Number()),
            ("suppressed", Number()),
            ("startDate", String(format: "date")),
            ("endDate", String(format: "date")),
            ("pagination", Pagination()))));

    private static OpenApiSchema TrackingDataResponse() => CrmReply(
        "Stored provider events (SES and Mailgun), newest first. No table holds an address: recipient is present only when the request named recipientEmail, recipientHash always.",
        ("data", Object(
            null,
            ["events", "pagination"],
            ("events", Array(Object(
                null,
                ["event", "timestamp", "tags", "campaign", "provider", "providerEvent", "details"],
                ("messageId", String()),
                ("event", String(description: "The suite's word: delivered, opened, clicked, bounced, complained, unsubscribed, sent, delayed, soft-bounced, suppressed, rejected, failed, subscribed, other.")),
                ("timestamp", String(format: "date-time")),
                ("recipient", String(format: "email")),
                ("recipientHash", String()),
                ("tags", Array(String())),
                ("campaign", String()),
                ("stream", String()),
                ("provider", Enum("ses", "mailgun")),
                ("providerEvent", String()),
                ("details", StringMap()),
                ("deliveryStatus", Object("The SMTP outcome: Mailgun's delivery-status, or SES's SMTP response or diagnostic code.", [], ("code", Number()), ("message", String()), ("description", String()))),
                ("clientInfo", Object("The reading client of an open or click (SES reports the user agent only).", [], ("clientName", String()), ("clientOs", String()), ("deviceType", String()), ("userAgent", String()))),
                ("geolocation", Object("Where an open or click came from, as Mailgun resolved it (SES reports none).", [], ("country", String()), ("region", String()), ("city", String())))))),
            ("pagination", Pagination()))));
}
