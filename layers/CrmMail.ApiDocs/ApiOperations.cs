using CrmMail.Routes;
using Microsoft.OpenApi;

namespace CrmMail.ApiDocs;

/// <summary>
/// The per-route description registry, keyed by method and path: what the OpenAPI document
/// says about each route of <see cref="RouteTable"/>. A route without an entry cannot be
/// documented (<see cref="ApiDocument.Build"/> refuses it), so a new route comes with its entry;
/// add it at the end of <see cref="All"/>.
/// </summary>
public static class ApiOperations
{
    private const string RetryAfter = "Retry-After";

    private static readonly Dictionary<string, string> RetryAfterHeader = new(StringComparer.Ordinal) { [RetryAfter] = "Seconds to wait before retrying." };

    // Declared before All: static initializers run in textual order.
    private static readonly ApiParameter CampaignIdParameter = new("id", ParameterLocation.Path, true, "The campaignId POST /campaigns answered.");

    private static readonly ApiParameter SpaceIdParameter = new("spaceId", ParameterLocation.Path, true, "1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.");

    /// <summary>Every registered operation, by method and path.</summary>
    public static IReadOnlyDictionary<(string Method, string Path), ApiOperation> All { get; } = new Dictionary<(string Method, string Path), ApiOperation>
    {
        [("POST", "/send-mail")] = SendMail(),
        [("GET", "/financial/unsubscribe")] = UnsubscribeGet("financial"),
        [("POST", "/financial/unsubscribe")] = UnsubscribePost("financial"),
        [("GET", "/outreach/unsubscribe")] = UnsubscribeGet("outreach"),
        [("POST", "/outreach/unsubscribe")] = UnsubscribePost("outreach"),
        [("POST", "/financial/add-contact")] = AddContact(),
        [("OPTIONS", "/financial/add-contact")] = AddContactPreflight(),
        [("POST", "/outreach/webhook")] = MailgunWebhook(),
        [("POST", OutreachPaths.SendEmail)] = OutreachSend("Send an outreach email", ApiSchemaIds.SendEmailRequest),
        [("OPTIONS", OutreachPaths.SendEmail)] = OutreachPreflight("send-email"),
        [("POST", OutreachPaths.SendTemplateEmail)] = OutreachSend("Send an outreach template email", ApiSchemaIds.SendTemplateEmailRequest),
        [("OPTIONS", OutreachPaths.SendTemplateEmail)] = OutreachPreflight("send-template-email"),
        [("GET", "/spaces/{spaceId}/images")] = GalleryImages(),
        [("OPTIONS", "/spaces/{spaceId}/images")] = GalleryPreflight("images", "GET"),
        [("POST", "/spaces/{spaceId}/uploads")] = GalleryUpload(),
        [("OPTIONS", "/spaces/{spaceId}/uploads")] = GalleryPreflight("uploads", "POST"),
        [("GET", OutreachPaths.CampaignStats)] = CampaignStats(),
        [("OPTIONS", OutreachPaths.CampaignStats)] = StatsPreflight("campaign-stats"),
        [("GET", OutreachPaths.TrackingData)] = TrackingData(),
        [("OPTIONS", OutreachPaths.TrackingData)] = StatsPreflight("tracking-data"),
        [("POST", CampaignPaths.Campaigns)] = CampaignCreate(),
        [("GET", CampaignPaths.Campaign)] = CampaignStatus(),
        [("GET", CampaignPaths.Recipients)] = CampaignRecipients(),
        [("POST", CampaignPaths.Pause)] = CampaignControl("Pause a campaign", "sending → paused. Senders park each batch they receive from then on (within one batch); nothing more is sent until resume."),
        [("POST", CampaignPaths.Resume)] = CampaignControl("Resume a campaign", "paused → sending, and every batch parked while paused goes back on the queue (requeued counts them). Resuming a campaign already sending puts back anything still parked, so a retried resume is safe."),
        [("POST", CampaignPaths.Cancel)] = CampaignControl("Cancel a campaign", "queued, sending or paused → cancelled. Senders drop each batch they receive from then on (within one batch); recipients already sent stay sent."),
        [("POST", CampaignPaths.Uploads)] = CampaignUpload(),
    };

    /// <summary>The operation registered for <paramref name="route"/>, or null.</summary>
    public static ApiOperation? Find(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return All.TryGetValue((route.Method.ToUpperInvariant(), route.Path), out var operation) ? operation : null;
    }

    private static ApiOperation SendMail() => new(
        "Send a report or newsletter mail",
        "Sends one mail per distinct recipient. Each recipient passes the campaign type's subscription gate (unsubscribed: `suppressed`), "
            + "and each mail carries its own List-Unsubscribe headers and footer. With `attachReporting`, each recipient's reports "
            + "(`customIds`, `month`, `year`) are linked as signed CloudFront URLs. API Gateway checks the body's shape against "
            + "`SendMailRequest` before the function runs; the function checks the rest (address syntax, limits that are settings).",
        "Sending",
        ApiAuth.ApiKey,
        ApiSchemaIds.ErrorBody,
        [
            new(200, "Every recipient sent or suppressed.", ApiSchemaIds.SendMailResponse),
            new(207, "Some recipients failed (see each result's error); the others were sent.", ApiSchemaIds.SendMailResponse),
            new(400, "invalid_json, validation_failed (also API Gateway's schema check), invalid_idempotency_key, invalid_body_encoding.", ApiSchemaIds.ErrorBody),
            new(403, "API Gateway: missing or wrong x-api-key.", ApiSchemaIds.GatewayError),
            new(409, "request_in_progress: a request with this Idempotency-Key is still running.", ApiSchemaIds.ErrorBody),
            new(413, "too_many_recipients, too_many_reports, payload_too_large.", ApiSchemaIds.ErrorBody),
            new(422, "idempotency_key_reused (a different request under this key), reports_missing (nothing was sent; details name the ids).", ApiSchemaIds.ErrorBody),
            new(429, "API Gateway: throttled or over the usage plan's daily quota.", ApiSchemaIds.GatewayError),
            new(502, "Every recipient failed and retrying unchanged will not help.", ApiSchemaIds.SendMailResponse),
            new(503, "unavailable: a dependency is down and nothing was sent; retry (the Idempotency-Key is released).", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        RequestSchemaId = ApiSchemaIds.SendMailRequest,
        ValidatedByGateway = true,
        Parameters = [new("Idempotency-Key", ParameterLocation.Header, false, "1 to 255 printable ASCII characters: a retry with the same key and body gets the first answer, never a second send.")],
    };

    private static ApiOperation UnsubscribeGet(string stream) => new(
        "Unsubscribe link (" + stream + ")",
        "The https link of the List-Unsubscribe header and the footer. It always redirects to the CRM's confirmation page, "
            + "with `status=unsubscribed|confirm` and the topic in the query (the address and a resubscribe token in the fragment, "
            + "which browsers never send to a server) or `error=invalid|expired|stream_mismatch|unavailable`. "
            + "Whether a GET applies at once or asks for confirmation is the deployment's setting (link scanners follow GETs).",
        "Unsubscribe",
        ApiAuth.None,
        ApiSchemaIds.ErrorBody,
        [
            new(302, "To the confirmation page (Location).", null, new Dictionary<string, string>(StringComparer.Ordinal) { ["Location"] = "The confirmation page with the outcome." }),
            new(429, "API Gateway or the firewall: too many requests.", ApiSchemaIds.GatewayError),
        ])
    {
        Parameters = [new("data", ParameterLocation.Query, true, "The signed, encrypted unsubscribe token: it is the credential, and names the address and topic.")],
    };

    private static ApiOperation UnsubscribePost(string stream) => new(
        "One-click unsubscribe (" + stream + ", RFC 8058)",
        "What a mail client posts for List-Unsubscribe-Post: `List-Unsubscribe=One-Click` as a form, no cookies, no auth. "
            + "Answers a plain 200 (never a redirect).",
        "Unsubscribe",
        ApiAuth.None,
        ApiSchemaIds.ErrorBody,
        [
            new(200, "Unsubscribed (also when already unsubscribed); empty body."),
            new(400, "invalid_body (no List-Unsubscribe=One-Click), invalid_body_encoding, invalid_token, token_expired, stream_mismatch.", ApiSchemaIds.ErrorBody),
            new(429, "API Gateway or the firewall: too many requests.", ApiSchemaIds.GatewayError),
            new(503, "unavailable: retry.", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        RequestSchemaId = ApiSchemaIds.OneClickForm,
        RequestContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data"],
        Parameters = [new("data", ParameterLocation.Query, true, "The signed, encrypted unsubscribe token of the List-Unsubscribe link.")],
    };

    private static ApiOperation AddContact() => new(
        "Resubscribe an address",
        "Opts an address back in to topics: a signed-in CRM user with a verified email (Firebase ID token as Bearer), "
            + "or the recipient from the confirmation page with the resubscribe token of the unsubscribe redirect (no Bearer). "
            + "Every answer, error or not, has the CRM's reply shape; CORS from the deployment's allowed origins.",
        "Contacts",
        ApiAuth.FirebaseBearerOrBodyToken,
        ApiSchemaIds.AddContactResponse,
        [
            new(200, "Resubscribed; topics lists the topics opted in.", ApiSchemaIds.AddContactResponse),
            new(400, "invalid_json, invalid_body_encoding, an invalid address, topic or token (code says which).", ApiSchemaIds.AddContactResponse),
            new(401, "Bad or expired credentials (WWW-Authenticate: Bearer).", ApiSchemaIds.AddContactResponse, new Dictionary<string, string>(StringComparer.Ordinal) { ["WWW-Authenticate"] = "Bearer" }),
            new(403, "The token's email is not verified, or a required claim is missing.", ApiSchemaIds.AddContactResponse),
            new(429, "API Gateway or the firewall: too many requests.", ApiSchemaIds.GatewayError),
            new(503, "unavailable: retry.", ApiSchemaIds.AddContactResponse, RetryAfterHeader),
        ])
    {
        RequestSchemaId = ApiSchemaIds.AddContactRequest,
    };

    private static ApiOperation AddContactPreflight() => new(
        "CORS preflight for add-contact",
        "Answers the browser's preflight: Access-Control-Allow-Origin for an allowed origin, methods POST and OPTIONS, headers Authorization and Content-Type.",
        "Contacts",
        ApiAuth.None,
        ApiSchemaIds.AddContactResponse,
        [
            new(204, "Preflight answered.", null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Access-Control-Allow-Origin"] = "The request's Origin when allowed.",
                ["Access-Control-Allow-Methods"] = "POST, OPTIONS",
                ["Access-Control-Allow-Headers"] = "Authorization, Content-Type",
                ["Access-Control-Max-Age"] = "600",
            }),
        ]);

    private static ApiOperation MailgunWebhook() => new(
        "Mailgun event webhook",
        "Mailgun's events (delivered, opened, clicked, unsubscribed, complained, failed). **Authentication: Mailgun's signature in the body**, "
            + "hex HMAC-SHA256 of `timestamp` + `token` under the webhook signing key, compared in constant time, with a bounded timestamp age "
            + "and a replay store for tokens (the signature does not cover the body). JSON, or Mailgun's legacy urlencoded or multipart form. "
            + "Unsubscribes and complaints opt the address out of outreach.",
        "Webhooks",
        ApiAuth.MailgunSignature,
        ApiSchemaIds.MailgunWebhookResponse,
        [
            new(200, "Processed, or a duplicate already processed.", ApiSchemaIds.MailgunWebhookResponse),
            new(400, "A body flagged base64 that is not.", ApiSchemaIds.MailgunWebhookResponse),
            new(401, "Bad, stale or replayed signature.", ApiSchemaIds.MailgunWebhookResponse),
            new(406, "Not a webhook: Mailgun does not retry.", ApiSchemaIds.MailgunWebhookResponse),
            new(429, "API Gateway: too many requests.", ApiSchemaIds.GatewayError),
            new(503, "A dependency is down: Mailgun retries.", ApiSchemaIds.MailgunWebhookResponse, new Dictionary<string, string>(StringComparer.Ordinal) { [RetryAfter] = "Seconds to wait before retrying." }),
        ])
    {
        RequestSchemaId = ApiSchemaIds.MailgunWebhookRequest,
        RequestContentTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
    };

    private static ApiOperation OutreachSend(string summary, string requestSchemaId) => new(
        summary,
        "For signed-in CRM staff: a Firebase ID token (Bearer) with a verified email, and the deployment's required claim when it sets one. "
            + "A per-user, per-route rate limit (X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset on every answer). "
            + "Every recipient passes the outreach topic's subscription gate and gets an unsubscribe token, List-Unsubscribe headers and the footer, "
            + "through the same code as send-mail. CORS from the deployment's allowed origins.",
        "Outreach",
        ApiAuth.FirebaseBearer,
        ApiSchemaIds.ErrorResponse,
        [
            new(200, "Sent (or nobody to send to: every recipient has unsubscribed).", ApiSchemaIds.EmailResponse),
            new(207, "Some recipients failed.", ApiSchemaIds.EmailResponse),
            new(400, "Invalid body, or unknown or missing template variables (named).", ApiSchemaIds.ErrorResponse),
            new(401, "Missing or invalid token (WWW-Authenticate: Bearer).", ApiSchemaIds.ErrorResponse, new Dictionary<string, string>(StringComparer.Ordinal) { ["WWW-Authenticate"] = "Bearer" }),
            new(403, "The token's email is not verified, or a required claim is missing.", ApiSchemaIds.ErrorResponse),
            new(429, "The caller's rate limit for this route.", ApiSchemaIds.ErrorResponse, RetryAfterHeader),
            new(502, "The mail service refused the message.", ApiSchemaIds.ErrorResponse),
            new(503, "A dependency is down: retry.", ApiSchemaIds.ErrorResponse, RetryAfterHeader),
        ])
    {
        RequestSchemaId = requestSchemaId,
    };

    private static ApiOperation OutreachPreflight(string route) => new(
        $"CORS preflight for {route}",
        "Answers the browser's preflight from an allowed origin: the origin echoed with credentials allowed, methods POST and OPTIONS, "
            + "the rate-limit headers exposed.",
        "Outreach",
        ApiAuth.None,
        ApiSchemaIds.ErrorResponse,
        [
            new(204, "Preflight answered.", null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Access-Control-Allow-Origin"] = "The request's Origin when allowed.",
                ["Access-Control-Allow-Methods"] = "POST, OPTIONS",
                ["Access-Control-Allow-Credentials"] = "true for an allowed origin.",
                ["Access-Control-Expose-Headers"] = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
                ["Access-Control-Max-Age"] = "86400",
            }),
        ]);

    private const string CampaignAccess =
        "API key (the CRM's usage plan, as send-mail). A campaign belongs to the API key that created it; any other key gets 404, as for an id that does not exist.";

    private static ApiOperation CampaignCreate() => new(
        "Send a campaign asynchronously",
        CampaignAccess + " The send-mail body with the recipients inline (`to`, at most CAMPAIGN_MAX_RECIPIENTS distinct, default 10,000) or "
            + "an uploaded list (`recipientsS3Key` from POST /campaigns/uploads; CSV or JSON lines, at most CAMPAIGN_LIST_MAX_RECIPIENTS, default 100,000, and 64 MiB). "
            + "Everything is checked before anything is stored: every field error and every bad list line (by line number) in one 400; reports are checked and "
            + "their links signed once for the whole campaign. Each recipient then gets send-mail's per-recipient treatment (subscription gate, unsubscribe "
            + "token, footer, List-Unsubscribe headers) from the campaign senders, exactly once.",
        "Campaigns",
        ApiAuth.ApiKey,
        ApiSchemaIds.ErrorBody,
        [
            new(202, "Stored (queued) and handed to the planner.", ApiSchemaIds.CampaignCreated),
            new(400, "invalid_json, validation_failed (details: every field, and recipientsS3Key lines), invalid_idempotency_key, invalid_body_encoding.", ApiSchemaIds.ErrorBody),
            new(403, "API Gateway: missing or wrong x-api-key.", ApiSchemaIds.GatewayError),
            new(409, "request_in_progress: a request with this Idempotency-Key is still running.", ApiSchemaIds.ErrorBody),
            new(413, "too_many_recipients, too_many_reports, list_too_large.", ApiSchemaIds.ErrorBody),
            new(422, "idempotency_key_reused, reports_missing (nothing was stored; details name the ids).", ApiSchemaIds.ErrorBody),
            new(429, "API Gateway: throttled or over the usage plan's daily quota.", ApiSchemaIds.GatewayError),
            new(503, "unavailable: nothing was launched; retry (the Idempotency-Key is released).", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        RequestSchemaId = ApiSchemaIds.CampaignRequest,
        Parameters = [new("Idempotency-Key", ParameterLocation.Header, false, "1 to 255 printable ASCII characters: a retry with the same key and body gets the first answer, never a second campaign.")],
    };

    private static ApiOperation CampaignStatus() => new(
        "A campaign's progress",
        CampaignAccess + " State, counts, progress, created/started/finished times and failed recipients grouped by reason.",
        "Campaigns",
        ApiAuth.ApiKey,
        ApiSchemaIds.ErrorBody,
        [
            new(200, "The campaign.", ApiSchemaIds.CampaignStatus),
            new(403, "API Gateway: missing or wrong x-api-key.", ApiSchemaIds.GatewayError),
            new(404, "not_found: no such campaign for this API key.", ApiSchemaIds.ErrorBody),
            new(503, "unavailable: retry.", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        Parameters = [CampaignIdParameter],
    };

    private static ApiOperation CampaignRecipients() => new(
        "A campaign's recipients by result",
        CampaignAccess + " One page (100 rows) of the recipients recorded with `status`, in list order, with their addresses; `nextToken` for the next.",
        "Campaigns",
        ApiAuth.ApiKey,
        ApiSchemaIds.ErrorBody,
        [
            new(200, "A page.", ApiSchemaIds.CampaignRecipientsPage),
            new(400, "invalid_status (status is failed, suppressed or sent), invalid_next_token.", ApiSchemaIds.ErrorBody),
            new(403, "API Gateway: missing or wrong x-api-key.", ApiSchemaIds.GatewayError),
            new(404, "not_found: no such campaign for this API key.", ApiSchemaIds.ErrorBody),
            new(503, "unavailable: retry.", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        Parameters =
        [
            CampaignIdParameter,
            new("status", ParameterLocation.Query, true, "failed, suppressed or sent."),
            new("nextToken", ParameterLocation.Query, false, "The previous page's nextToken."),
        ],
    };

    private static ApiOperation CampaignControl(string summary, string rule) => new(
        summary,
        CampaignAccess + " " + rule,
        "Campaigns",
        ApiAuth.ApiKey,
        ApiSchemaIds.ErrorBody,
        [
            new(200, "The campaign's state after the change.", ApiSchemaIds.CampaignControl),
            new(403, "API Gateway: missing or wrong x-api-key.", ApiSchemaIds.GatewayError),
            new(404, "not_found: no such campaign for this API key.", ApiSchemaIds.ErrorBody),
            new(409, "invalid_transition: not allowed from the current state, which details name (field status).", ApiSchemaIds.ErrorBody),
            new(503, "unavailable: retry (a resume that failed here is safe to repeat).", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        Parameters = [CampaignIdParameter],
    };

    private static ApiOperation CampaignUpload() => new(
        "Get a presigned upload URL for a recipient list",
        CampaignAccess + " A fresh key under this API key's upload prefix in the private campaign bucket (never behind CloudFront) and an S3 PUT URL for it, valid 15 minutes. "
            + "The list is CSV (`email[,customIds]`, an optional header line) or JSON lines (`{\"email\":…}`).",
        "Campaigns",
        ApiAuth.ApiKey,
        ApiSchemaIds.ErrorBody,
        [
            new(201, "The upload ticket.", ApiSchemaIds.CampaignUploadTicket),
            new(403, "API Gateway: missing or wrong x-api-key.", ApiSchemaIds.GatewayError),
            new(503, "unavailable: retry.", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ]);

    private const string GalleryAccess =
        "Firebase ID token (Bearer). The caller must be a member of the space; a non-member and a space that does not exist get the same 403.";

    private static ApiOperation GalleryImages() => new(
        "List a space's images",
        GalleryAccess + " One page per call (`nextToken` for the next); every url shares one short-lived CloudFront custom-policy signature.",
        "Gallery",
        ApiAuth.FirebaseBearer,
        ApiSchemaIds.ErrorBody,
        [
            new(200, "A page of images.", ApiSchemaIds.GalleryPage),
            new(400, "invalid_space_id or invalid_next_token.", ApiSchemaIds.ErrorBody),
            new(401, "Missing or invalid token.", ApiSchemaIds.ErrorBody, new Dictionary<string, string>(StringComparer.Ordinal) { ["WWW-Authenticate"] = "Bearer" }),
            new(403, "Not a member of the space (or no such space).", ApiSchemaIds.ErrorBody),
            new(429, "API Gateway or the firewall: too many requests.", ApiSchemaIds.GatewayError),
            new(503, "unavailable: retry.", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        Parameters = [SpaceIdParameter, new("nextToken", ParameterLocation.Query, false, "The previous page's nextToken.")],
    };

    private static ApiOperation GalleryUpload() => new(
        "Get a signed upload URL for a new image",
        GalleryAccess + " The answer is a PUT URL through the distribution for one server-chosen key under the space; "
            + "the upload must send exactly the Content-Type and Content-Length named (the edge checks them).",
        "Gallery",
        ApiAuth.FirebaseBearer,
        ApiSchemaIds.ErrorBody,
        [
            new(201, "The upload ticket.", ApiSchemaIds.GalleryUploadTicket),
            new(400, "invalid_json, invalid_space_id, unsupported_content_type (the allowed list in details), too_large or invalid_size.", ApiSchemaIds.ErrorBody),
            new(401, "Missing or invalid token.", ApiSchemaIds.ErrorBody, new Dictionary<string, string>(StringComparer.Ordinal) { ["WWW-Authenticate"] = "Bearer" }),
            new(403, "Not a member of the space (or no such space).", ApiSchemaIds.ErrorBody),
            new(429, "API Gateway or the firewall: too many requests.", ApiSchemaIds.GatewayError),
            new(503, "unavailable: retry.", ApiSchemaIds.ErrorBody, RetryAfterHeader),
        ])
    {
        RequestSchemaId = ApiSchemaIds.GalleryUploadRequest,
        Parameters = [SpaceIdParameter],
    };

    private static ApiOperation GalleryPreflight(string route, string method) => new(
        $"CORS preflight for {route}",
        "Answers the browser's preflight for an allowed origin.",
        "Gallery",
        ApiAuth.None,
        ApiSchemaIds.ErrorBody,
        [
            new(204, "Preflight answered.", null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Access-Control-Allow-Origin"] = "The request's Origin when allowed.",
                ["Access-Control-Allow-Methods"] = method + ", OPTIONS",
                ["Access-Control-Allow-Headers"] = "Authorization, Content-Type",
            }),
        ])
    {
        Parameters = [SpaceIdParameter],
    };

    private const string StatsAccess =
        "For signed-in CRM staff: a Firebase ID token (Bearer) with a verified email, and the deployment's required claim when it sets one. "
            + "One per-user allowance for both stats routes (OUTREACH_STATS_RATE_LIMIT, 50 a minute by default; X-RateLimit-* on every answer). "
            + "Read from counters and indexes only (no scan). CORS from the deployment's allowed origins.";

    private static List<ApiResponse> StatsResponses(string schemaId, string ok) =>
    [
        new(200, ok, schemaId),
        new(400, "invalid_parameters: each refused parameter named in details (field, message).", ApiSchemaIds.ErrorResponse),
        new(401, "Missing or invalid token (WWW-Authenticate: Bearer).", ApiSchemaIds.ErrorResponse, new Dictionary<string, string>(StringComparer.Ordinal) { ["WWW-Authenticate"] = "Bearer" }),
        new(403, "The token's email is not verified, or a required claim is missing.", ApiSchemaIds.ErrorResponse),
        new(429, "The caller's rate limit for the stats routes.", ApiSchemaIds.ErrorResponse, RetryAfterHeader),
        new(503, "A table cannot be read: retry.", ApiSchemaIds.ErrorResponse, RetryAfterHeader),
    ];

    private static ApiParameter Limit(string what) => new("limit", ParameterLocation.Query, false, $"{what} per page, 1 to 1000 (default 100).");

    private static ApiParameter Offset(string what) => new("offset", ParameterLocation.Query, false, $"{what} to skip (default 0).");

    private static ApiOperation CampaignStats() => new(
        "Campaign statistics",
        StatsAccess + " Counts per campaign (a message's campaign tag) and day, summed over the range. A campaignId or tags read one Query per campaign; "
            + "neither reads each day's campaigns (one Query per day, at most 92 days).",
        "Outreach",
        ApiAuth.FirebaseBearer,
        ApiSchemaIds.ErrorResponse,
        StatsResponses(ApiSchemaIds.CampaignStatsResponse, "The totals, rates and a page of campaigns."))
    {
        Parameters =
        [
            new("campaignId", ParameterLocation.Query, false, "One campaign (its campaign tag)."),
            new("startDate", ParameterLocation.Query, false, "ISO 8601 date or date-time (UTC day); default 30 days before endDate."),
            new("endDate", ParameterLocation.Query, false, "ISO 8601 date or date-time (UTC day); default today."),
            new("tags", ParameterLocation.Query, false, "Campaign tags to keep (repeated or comma-separated, at most 20): the counters are keyed by the campaign tag, so a tag selects its campaign."),
            Limit("Campaign rows"),
            Offset("Campaign rows"),
        ],
    };

    private static ApiOperation TrackingData() => new(
        "Message tracking data",
        StatsAccess + " Events newest first, by messageId (the message index), recipientEmail (the recipient index, by its keyed hash: "
            + "no table holds an address) or neither (the day index, one Query per day, at most 92 days; default the last 30). At most 10,000 events are read per request.",
        "Outreach",
        ApiAuth.FirebaseBearer,
        ApiSchemaIds.ErrorResponse,
        StatsResponses(ApiSchemaIds.TrackingDataResponse, "A page of events and the pagination object."))
    {
        Parameters =
        [
            new("messageId", ParameterLocation.Query, false, "One provider message id."),
            new("recipientEmail", ParameterLocation.Query, false, "One recipient (looked up by its keyed hash)."),
            new("startDate", ParameterLocation.Query, false, "ISO 8601 date or date-time."),
            new("endDate", ParameterLocation.Query, false, "ISO 8601 date or date-time."),
            new("eventType", ParameterLocation.Query, false, "delivered, opened, clicked, bounced, complained, unsubscribed (the CRM's), or sent, delayed, soft-bounced, suppressed, rejected, failed, subscribed, other."),
            Limit("Events"),
            Offset("Events (offset + limit at most 10,000)"),
        ],
    };

    private static ApiOperation StatsPreflight(string route) => new(
        $"CORS preflight for {route}",
        "Answers the browser's preflight from an allowed origin: the origin echoed with credentials allowed, methods GET and OPTIONS, "
            + "the rate-limit headers exposed.",
        "Outreach",
        ApiAuth.None,
        ApiSchemaIds.ErrorResponse,
        [
            new(204, "Preflight answered.", null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Access-Control-Allow-Origin"] = "The request's Origin when allowed.",
                ["Access-Control-Allow-Methods"] = "GET, OPTIONS",
                ["Access-Control-Allow-Credentials"] = "true for an allowed origin.",
                ["Access-Control-Expose-Headers"] = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset",
                ["Access-Control-Max-Age"] = "86400",
            }),
        ]);
}
