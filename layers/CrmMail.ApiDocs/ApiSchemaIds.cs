namespace CrmMail.ApiDocs;

/// <summary>
/// The component names of the document's reusable schemas (<c>#/components/schemas/…</c>).
/// The CRM's own contracts keep the names of the CRM's OpenAPI document.
/// </summary>
public static class ApiSchemaIds
{
    /// <summary>The suite's error body, <c>{"error":{"code","message","details"}}</c>.</summary>
    public const string ErrorBody = "ErrorBody";

    /// <summary>API Gateway's own refusals (missing API key, throttling): <c>{"message"}</c>.</summary>
    public const string GatewayError = "GatewayError";

    /// <summary>POST /send-mail's body (CrmMail.Mail.Validation.SendMailRequest).</summary>
    public const string SendMailRequest = "SendMailRequest";

    /// <summary>POST /send-mail's answer: one result per recipient.</summary>
    public const string SendMailResponse = "SendMailResponse";

    /// <summary>The RFC 8058 one-click unsubscribe form, <c>List-Unsubscribe=One-Click</c>.</summary>
    public const string OneClickForm = "OneClickForm";

    /// <summary>POST /financial/add-contact's body.</summary>
    public const string AddContactRequest = "AddContactRequest";

    /// <summary>POST /financial/add-contact's answer, success or error (the CRM's shape, with a code).</summary>
    public const string AddContactResponse = "AddContactResponse";

    /// <summary>Mailgun's webhook body (JSON; the legacy form fields carry the same values).</summary>
    public const string MailgunWebhookRequest = "MailgunWebhookRequest";

    /// <summary>The webhook's answer (the CRM's shape).</summary>
    public const string MailgunWebhookResponse = "MailgunWebhookResponse";

    /// <summary>The CRM's outreach send-email body.</summary>
    public const string SendEmailRequest = "SendEmailRequest";

    /// <summary>The CRM's outreach send-template-email body.</summary>
    public const string SendTemplateEmailRequest = "SendTemplateEmailRequest";

    /// <summary>The CRM's outreach send answer.</summary>
    public const string EmailResponse = "EmailResponse";

    /// <summary>The CRM's outreach error body, <c>{"success":false,"error","timestamp","version"}</c>.</summary>
    public const string ErrorResponse = "ErrorResponse";

    /// <summary>GET /spaces/{spaceId}/images: a page of a space's images, one signature for the page.</summary>
    public const string GalleryPage = "GalleryPage";

    /// <summary>POST /spaces/{spaceId}/uploads: the body.</summary>
    public const string GalleryUploadRequest = "GalleryUploadRequest";

    /// <summary>POST /spaces/{spaceId}/uploads: the signed upload ticket.</summary>
    public const string GalleryUploadTicket = "GalleryUploadTicket";

    /// <summary>GET /outreach/campaign-stats: the CRM's CampaignStatsResponse.</summary>
    public const string CampaignStatsResponse = "CampaignStatsResponse";

    /// <summary>GET /outreach/tracking-data: events, newest first, and the CRM's pagination object.</summary>
    public const string TrackingDataResponse = "TrackingDataResponse";

    /// <summary>POST /campaigns: the body (send-mail's, with inline recipients or an uploaded list).</summary>
    public const string CampaignRequest = "CampaignRequest";

    /// <summary>POST /campaigns: 202 queued.</summary>
    public const string CampaignCreated = "CampaignCreated";

    /// <summary>GET /campaigns/{id}: state, counts, progress, times and failures by reason.</summary>
    public const string CampaignStatus = "CampaignStatus";

    /// <summary>GET /campaigns/{id}/recipients: a page of one result's recipients.</summary>
    public const string CampaignRecipientsPage = "CampaignRecipientsPage";

    /// <summary>POST /campaigns/{id}/pause, /resume, /cancel: the state after.</summary>
    public const string CampaignControl = "CampaignControl";

    /// <summary>POST /campaigns/uploads: the presigned PUT.</summary>
    public const string CampaignUploadTicket = "CampaignUploadTicket";
}
