namespace CrmMail.Routes;

/// <summary>Function names: each is a folder under functions/ and a project of the same name.</summary>
public static class FunctionNames
{
    /// <summary>POST /send-mail.</summary>
    public const string SendMail = "SendMail";

    /// <summary>GET and POST /{financial|outreach}/unsubscribe.</summary>
    public const string Unsubscribe = "Unsubscribe";

    /// <summary>POST /financial/add-contact.</summary>
    public const string AddContact = "AddContact";

    /// <summary>POST /outreach/webhook (Mailgun events).</summary>
    public const string MailgunWebhook = "MailgunWebhook";

    /// <summary>SNS: SES "Received" notifications for the unsubscribe mailbox (no HTTP route).</summary>
    public const string MailtoUnsubscribe = "MailtoUnsubscribe";

    /// <summary>POST /outreach/send-email and /outreach/send-template-email (and their CORS preflights).</summary>
    public const string OutreachSend = "OutreachSend";
    /// <summary>GET /spaces/{spaceId}/images and POST /spaces/{spaceId}/uploads (the signed image gallery).</summary>
    public const string Gallery = "Gallery";

    /// <summary>SNS: SES event publishing (bounces, complaints, deliveries, opens, clicks) from the stack's configuration sets (no HTTP route).</summary>
    public const string SesEvents = "SesEvents";
    /// <summary>Async invocation from POST /campaigns: expands a campaign's recipients into queue batches (no HTTP route).</summary>
    public const string CampaignPlanner = "CampaignPlanner";

    /// <summary>SQS: sends a campaign's batches exactly once per recipient (no HTTP route).</summary>
    public const string CampaignSender = "CampaignSender";

    /// <summary>GET /outreach/campaign-stats and /outreach/tracking-data (and their CORS preflights).</summary>
    public const string OutreachStats = "OutreachStats";
    /// <summary>POST /campaigns, GET /campaigns/{id}, its recipients, pause/resume/cancel, and POST /campaigns/uploads (API key).</summary>
    public const string Campaigns = "Campaigns";
}
