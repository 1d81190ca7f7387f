using System.Globalization;
using CrmMail.Identity;
using CrmMail.Mail.Validation;
using CrmMail.Routes;

namespace CrmMail.Settings;

/// <summary>
/// Every environment variable the functions read, declared once. A function reads only
/// through <see cref="SettingsReader"/> scoped to its own list (<see cref="For(string)"/>);
/// <c>crm-mail serve</c> fills the same names with local values; the CDK stack builds each
/// function's environment from the list and validates context with the same rules.
/// </summary>
public static class Catalogue
{
    // Shared by every function (SubscriptionSettings).

    /// <summary>AWS_REGION: set by Lambda.</summary>
    public static Setting AwsRegion { get; } = new() { Name = "AWS_REGION", Rule = SettingRule.Text, Source = SettingSource.Platform, Description = "The region (set by Lambda)." };

    /// <summary>AWS_DEFAULT_REGION: read when AWS_REGION is unset (local runs).</summary>
    public static Setting AwsDefaultRegion { get; } = new() { Name = "AWS_DEFAULT_REGION", Rule = SettingRule.Text, Source = SettingSource.Platform, Default = "us-east-1", Description = "The region when AWS_REGION is unset." };

    /// <summary>AWS_ENDPOINT_URL: one endpoint for every AWS call (moto, LocalStack).</summary>
    public static Setting AwsEndpointUrl { get; } = new() { Name = "AWS_ENDPOINT_URL", Rule = SettingRule.AbsoluteUrl, Source = SettingSource.Local, Description = "One endpoint for every AWS call (moto, LocalStack); local runs only." };

    /// <summary>SES_CONTACT_LIST_NAME.</summary>
    public static Setting SesContactListName { get; } = new() { Name = "SES_CONTACT_LIST_NAME", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "The SES contact list that holds every opt-out." };

    /// <summary>UNSUBSCRIBE_KMS_KEY_ID.</summary>
    public static Setting UnsubscribeKmsKeyId { get; } = new() { Name = "UNSUBSCRIBE_KMS_KEY_ID", Rule = SettingRule.Text, Source = SettingSource.Stack, Default = "alias/dn-unsubscribe", Description = "The KMS key that wraps the token data keys." };

    /// <summary>TOKEN_KEYS_TABLE.</summary>
    public static Setting TokenKeysTable { get; } = new() { Name = "TOKEN_KEYS_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "The data-key registry (DynamoDB)." };

    /// <summary>AUDIT_TABLE.</summary>
    public static Setting AuditTable { get; } = new() { Name = "AUDIT_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "The audit trail (DynamoDB)." };

    /// <summary>CONTACT_LEASE_TABLE.</summary>
    public static Setting ContactLeaseTable { get; } = new() { Name = "CONTACT_LEASE_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "Per-contact leases that serialise changes across containers (DynamoDB)." };

    /// <summary>PII_HASH_KEY_SECRET.</summary>
    public static Setting PiiHashKeySecret { get; } = new() { Name = "PII_HASH_KEY_SECRET", Rule = SettingRule.SecretReference, Source = SettingSource.Stack, Description = "The secret holding PII_HASH_KEY, read at init." };

    /// <summary>PII_HASH_KEY: inline, for local runs and tests (deployed functions read PII_HASH_KEY_SECRET).</summary>
    public static Setting PiiHashKey { get; } = new() { Name = "PII_HASH_KEY", Rule = SettingRule.Base64Key(16), Source = SettingSource.Local, Description = "The address-hash key inline (base64, 16 bytes or more); required when PII_HASH_KEY_SECRET is unset." };

    /// <summary>METRICS_NAMESPACE.</summary>
    public static Setting MetricsNamespace { get; } = new() { Name = "METRICS_NAMESPACE", Rule = SettingRule.Text, Source = SettingSource.Stack, Default = "CrmMail", Description = "The CloudWatch namespace of the EMF metrics (per stage)." };

    /// <summary>UNSUBSCRIBE_TOKEN_MAX_AGE_DAYS.</summary>
    public static Setting UnsubscribeTokenMaxAgeDays { get; } = new() { Name = "UNSUBSCRIBE_TOKEN_MAX_AGE_DAYS", Rule = SettingRule.Integer(1, 365), Source = SettingSource.Context, ContextKey = "unsubscribeTokenMaxAgeDays", Default = "30", Description = "How long an unsubscribe link works, in days." };

    // send-mail.

    /// <summary>MAIL_TRANSPORT.</summary>
    public static Setting MailTransport { get; } = new() { Name = "MAIL_TRANSPORT", Rule = SettingRule.OneOf("ses", "mailgun"), Source = SettingSource.Context, ContextKey = "mailTransport", Default = "ses", Description = "Which service sends the mail." };

    /// <summary>LIST_UNSUBSCRIBE_OWNER.</summary>
    public static Setting ListUnsubscribeOwner { get; } = new() { Name = "LIST_UNSUBSCRIBE_OWNER", Rule = SettingRule.OneOf("suite", "ses"), Source = SettingSource.Context, ContextKey = "listUnsubscribeOwner", Default = "suite", Description = "Who writes the List-Unsubscribe headers: the suite's own links, or SES's list management." };

    /// <summary>UNSUBSCRIBE_BASE_URL.</summary>
    public static Setting UnsubscribeBaseUrl { get; } = new() { Name = "UNSUBSCRIBE_BASE_URL", Rule = SettingRule.HttpsBaseUrl, Source = SettingSource.Stack, ContextKey = "apiBaseUrl", Required = true, Description = "The API's public base URL with the stage (default the execute-api URL)." };

    /// <summary>UNSUBSCRIBE_MAILBOX.</summary>
    public static Setting UnsubscribeMailbox { get; } = new() { Name = "UNSUBSCRIBE_MAILBOX", Rule = SettingRule.Mailbox, Source = SettingSource.Context, ContextKey = "unsubscribeMailbox", Required = true, Description = "The mailto: unsubscribe address (SES receives it)." };

    /// <summary>SEND_MAIL_MAX_RECIPIENTS.</summary>
    public static Setting SendMailMaxRecipients { get; } = new() { Name = "SEND_MAIL_MAX_RECIPIENTS", Rule = SettingRule.Integer(1, 1000), Source = SettingSource.Context, ContextKey = "sendMailMaxRecipients", Default = "50", Description = "Recipients per request." };

    /// <summary>SEND_MAIL_MAX_BODY_BYTES.</summary>
    /// <remarks>
    /// At most 2,000,000: API Gateway hands the body to Lambda inside the event's JSON, where a
    /// character can take three times its UTF-8 bytes (<c>é</c>, two bytes, is <c>\u00E9</c>), and
    /// the whole event must fit in Lambda's 6,291,456-byte request; a larger body would be refused by
    /// Lambda before the function could answer 413 (SendMail.Tests' LambdaPayloadTests).
    /// </remarks>
    public static Setting SendMailMaxBodyBytes { get; } = new() { Name = "SEND_MAIL_MAX_BODY_BYTES", Rule = SettingRule.Integer(1024, 2_000_000), Source = SettingSource.Context, ContextKey = "sendMailMaxBodyBytes", Default = (1024 * 1024).ToString(CultureInfo.InvariantCulture), Description = "Request body size." };

    /// <summary>SEND_MAIL_MAX_REPORTS.</summary>
    public static Setting SendMailMaxReports { get; } = new() { Name = "SEND_MAIL_MAX_REPORTS", Rule = SettingRule.Integer(1, 100), Source = SettingSource.Context, ContextKey = "sendMailMaxReports", Default = SendMailValidator.DefaultMaxReports.ToString(CultureInfo.InvariantCulture), Description = "Reports per recipient." };

    /// <summary>SEND_MAIL_CONCURRENCY.</summary>
    public static Setting SendMailConcurrency { get; } = new() { Name = "SEND_MAIL_CONCURRENCY", Rule = SettingRule.Integer(1, 64), Source = SettingSource.Context, ContextKey = "sendMailConcurrency", Default = "8", Description = "Recipients sent in parallel." };

    /// <summary>REPORTS_BUCKET.</summary>
    public static Setting ReportsBucket { get; } = new() { Name = "REPORTS_BUCKET", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "The bucket the CRM uploads reports to." };

    /// <summary>REPORT_KEY_TEMPLATE.</summary>
    public static Setting ReportKeyTemplate { get; } = new() { Name = "REPORT_KEY_TEMPLATE", Rule = SettingRule.ReportKeyTemplate, Source = SettingSource.Context, ContextKey = "reportKeyTemplate", Default = Mail.Reports.ReportKeyTemplate.Default, Description = "A report's object key from its custom id and date." };

    /// <summary>CLOUDFRONT_DOMAIN.</summary>
    public static Setting CloudFrontDomain { get; } = new() { Name = "CLOUDFRONT_DOMAIN", Rule = SettingRule.HostName, Source = SettingSource.Stack, Required = true, Description = "The distribution's (or custom) domain of the report links." };

    /// <summary>CLOUDFRONT_PRIVATE_KEY_SECRET.</summary>
    public static Setting CloudFrontPrivateKeySecret { get; } = new() { Name = "CLOUDFRONT_PRIVATE_KEY_SECRET", Rule = SettingRule.SecretReference, Source = SettingSource.Stack, Required = true, Description = "The secret holding the link-signing key pair id and private key." };

    /// <summary>CLOUDFRONT_HASH_ALGORITHM.</summary>
    public static Setting CloudFrontHashAlgorithm { get; } = new() { Name = "CLOUDFRONT_HASH_ALGORITHM", Rule = SettingRule.OneOf("default", "sha1", "sha256"), Source = SettingSource.Context, ContextKey = "cloudFrontHashAlgorithm", Default = "default", Description = "The link signature's hash (default: the key type's)." };

    /// <summary>SIGNED_URL_TTL_DAYS.</summary>
    public static Setting SignedUrlTtlDays { get; } = new() { Name = "SIGNED_URL_TTL_DAYS", Rule = SettingRule.Integer(1, 365), Source = SettingSource.Context, ContextKey = "signedUrlTtlDays", Default = "25", Description = "How long a report link works, in days." };

    /// <summary>IDEMPOTENCY_TABLE.</summary>
    public static Setting IdempotencyTable { get; } = new() { Name = "IDEMPOTENCY_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "Idempotency keys and Mailgun webhook tokens (DynamoDB)." };

    /// <summary>MAILGUN_REGION (with MAIL_TRANSPORT=mailgun).</summary>
    public static Setting MailgunRegion { get; } = new() { Name = "MAILGUN_REGION", Rule = SettingRule.OneOf("us", "eu"), Source = SettingSource.Context, ContextKey = "mailgunRegion", Default = "us", When = new(MailTransport, "mailgun"), Description = "Mailgun's region (its API host)." };

    /// <summary>MAILGUN_BASE_URL (with MAIL_TRANSPORT=mailgun): tests point it at a stand-in.</summary>
    public static Setting MailgunBaseUrl { get; } = new() { Name = "MAILGUN_BASE_URL", Rule = SettingRule.HttpsUrl, Source = SettingSource.Local, When = new(MailTransport, "mailgun"), Description = "Overrides the region's API host (tests)." };

    /// <summary>MAILGUN_DOMAIN (required with MAIL_TRANSPORT=mailgun).</summary>
    public static Setting MailgunDomain { get; } = new() { Name = "MAILGUN_DOMAIN", Rule = SettingRule.Text, Source = SettingSource.Context, ContextKey = "mailgunDomain", Required = true, When = new(MailTransport, "mailgun"), Description = "The Mailgun sending domain." };

    /// <summary>MAILGUN_API_KEY_SECRET (required with MAIL_TRANSPORT=mailgun).</summary>
    public static Setting MailgunApiKeySecret { get; } = new() { Name = "MAILGUN_API_KEY_SECRET", Rule = SettingRule.SecretReference, Source = SettingSource.Stack, Required = true, When = new(MailTransport, "mailgun"), Description = "The secret holding the Mailgun API key." };

    // unsubscribe.

    /// <summary>UNSUBSCRIBE_GET_MODE.</summary>
    public static Setting UnsubscribeGetMode { get; } = new() { Name = "UNSUBSCRIBE_GET_MODE", Rule = SettingRule.OneOf("apply", "confirm"), Source = SettingSource.Context, ContextKey = "unsubscribeGetMode", Default = "apply", Description = "Whether a GET on an unsubscribe link applies it or asks to confirm." };

    /// <summary>UNSUBSCRIBE_CONFIRMATION_URL.</summary>
    public static Setting UnsubscribeConfirmationUrl { get; } = new() { Name = "UNSUBSCRIBE_CONFIRMATION_URL", Rule = SettingRule.HttpsUrl, Source = SettingSource.Context, ContextKey = "confirmationUrl", Required = true, Description = "The page a recipient lands on after unsubscribing." };

    // add-contact.

    /// <summary>FIREBASE_PROJECT_ID.</summary>
    public static Setting FirebaseProjectId { get; } = new() { Name = "FIREBASE_PROJECT_ID", Rule = SettingRule.Text, Source = SettingSource.Context, ContextKey = "firebaseProjectId", Required = true, Description = "The Firebase project whose ID tokens are accepted." };

    /// <summary>FIREBASE_CERTS_URL: Google's, overridden by tests.</summary>
    public static Setting FirebaseCertsUrl { get; } = new() { Name = "FIREBASE_CERTS_URL", Rule = SettingRule.HttpsUrl, Source = SettingSource.Local, Default = HttpFirebaseCertificateSource.DefaultUrl.ToString(), Description = "Where Firebase's signing certificates are fetched (tests)." };

    /// <summary>CORS_ALLOWED_ORIGINS.</summary>
    public static Setting CorsAllowedOrigins { get; } = new() { Name = "CORS_ALLOWED_ORIGINS", Rule = SettingRule.Origins, Source = SettingSource.Context, ContextKey = "corsOrigins", Default = string.Empty, Description = "Browser origins allowed to call add-contact (comma-separated, or *)." };

    // mailto unsubscribe.

    /// <summary>MAILTO_MAX_CONTENT_BYTES: SES's SNS action carries messages up to 150 KB.</summary>
    public static Setting MailtoMaxContentBytes { get; } = new() { Name = "MAILTO_MAX_CONTENT_BYTES", Rule = SettingRule.Integer(1024, 10 * 1024 * 1024), Source = SettingSource.Context, ContextKey = "mailtoMaxContentBytes", Default = (150 * 1024).ToString(CultureInfo.InvariantCulture), Description = "The largest inbound message read." };

    // Mailgun webhook.

    /// <summary>MAILGUN_WEBHOOK_SIGNING_KEY_SECRET.</summary>
    public static Setting MailgunWebhookSigningKeySecret { get; } = new() { Name = "MAILGUN_WEBHOOK_SIGNING_KEY_SECRET", Rule = SettingRule.SecretReference, Source = SettingSource.Stack, Required = true, Description = "The secret holding Mailgun's webhook signing key." };

    /// <summary>MAILGUN_WEBHOOK_MAX_AGE_SECONDS.</summary>
    public static Setting MailgunWebhookMaxAgeSeconds { get; } = new() { Name = "MAILGUN_WEBHOOK_MAX_AGE_SECONDS", Rule = SettingRule.Integer(30, 3600), Source = SettingSource.Context, ContextKey = "mailgunWebhookMaxAgeSeconds", Default = "300", Description = "How old a signed webhook may be." };

    /// <summary>EVENTS_TABLE.</summary>
    public static Setting EventsTable { get; } = new() { Name = "EVENTS_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "Provider events, Mailgun's and SES's, each once (DynamoDB; indexes byMessage and byRecipient)." };

    // outreach send routes.

    /// <summary>RATE_LIMIT_TABLE: fixed-window per-user counters (the outreach send routes now, stats and gallery next).</summary>
    public static Setting RateLimitTable { get; } = new() { Name = "RATE_LIMIT_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "Per-user rate-limit counters shared by every container (DynamoDB, TTL expiresAt)." };

    /// <summary>OUTREACH_SEND_RATE_LIMIT.</summary>
    public static Setting OutreachSendRateLimit { get; } = new() { Name = "OUTREACH_SEND_RATE_LIMIT", Rule = SettingRule.Integer(1, 10000), Source = SettingSource.Context, ContextKey = "outreachSendRateLimit", Default = "25", Description = "Requests a minute per Firebase user on each outreach send route." };

    /// <summary>OUTREACH_REQUIRED_CLAIM: <c>name=value</c>, e.g. <c>role=outreach</c>; empty: any verified user.</summary>
    public static Setting OutreachRequiredClaim { get; } = new() { Name = "OUTREACH_REQUIRED_CLAIM", Rule = SettingRule.Claim, Source = SettingSource.Context, ContextKey = "outreachRequiredClaim", Default = string.Empty, Description = "A Firebase token claim the outreach routes require (name=value, e.g. role=outreach); empty: none." };

    /// <summary>OUTREACH_DEFAULT_FROM: the sender when a request names none.</summary>
    public static Setting OutreachDefaultFrom { get; } = new() { Name = "OUTREACH_DEFAULT_FROM", Rule = SettingRule.Mailbox, Source = SettingSource.Context, ContextKey = "outreachDefaultFrom", Default = string.Empty, Description = "The sender of outreach mail whose request names no from; unset: from is required." };

    /// <summary>OUTREACH_MAX_RECIPIENTS.</summary>
    public static Setting OutreachMaxRecipients { get; } = new() { Name = "OUTREACH_MAX_RECIPIENTS", Rule = SettingRule.Integer(1, 1000), Source = SettingSource.Context, ContextKey = "outreachMaxRecipients", Default = "50", Description = "Distinct recipients per outreach request." };

    // gallery.

    /// <summary>SPACE_MEMBERS_TABLE.</summary>
    public static Setting SpaceMembersTable { get; } = new() { Name = "SPACE_MEMBERS_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "Gallery space memberships (DynamoDB: uid, spaceId)." };

    /// <summary>GALLERY_URL_TTL_SECONDS.</summary>
    public static Setting GalleryUrlTtlSeconds { get; } = new() { Name = "GALLERY_URL_TTL_SECONDS", Rule = SettingRule.Integer(60, 43200), Source = SettingSource.Context, ContextKey = "galleryUrlTtlSeconds", Default = "3600", Description = "How long a gallery page's image URLs work, in seconds." };

    /// <summary>GALLERY_PAGE_SIZE.</summary>
    public static Setting GalleryPageSize { get; } = new() { Name = "GALLERY_PAGE_SIZE", Rule = SettingRule.Integer(1, 1000), Source = SettingSource.Context, ContextKey = "galleryPageSize", Default = "100", Description = "Images per gallery page (S3 lists at most 1,000 keys per call)." };

    /// <summary>GALLERY_UPLOAD_MAX_BYTES.</summary>
    public static Setting GalleryUploadMaxBytes { get; } = new() { Name = "GALLERY_UPLOAD_MAX_BYTES", Rule = SettingRule.Integer(1, 1024 * 1024 * 1024), Source = SettingSource.Context, ContextKey = "galleryUploadMaxBytes", Default = (10 * 1024 * 1024).ToString(CultureInfo.InvariantCulture), Description = "The largest image an upload URL is signed for, in bytes." };

    /// <summary>GALLERY_UPLOAD_TYPES.</summary>
    public static Setting GalleryUploadTypes { get; } = new() { Name = "GALLERY_UPLOAD_TYPES", Rule = SettingRule.Text, Source = SettingSource.Context, ContextKey = "galleryUploadTypes", Default = "image/png,image/jpeg,image/gif,image/webp", Description = "Content types an upload may declare (comma-separated; image/png, image/jpeg, image/gif, image/webp, image/avif, image/svg+xml)." };

    /// <summary>GALLERY_UPLOAD_URL_TTL_SECONDS.</summary>
    public static Setting GalleryUploadUrlTtlSeconds { get; } = new() { Name = "GALLERY_UPLOAD_URL_TTL_SECONDS", Rule = SettingRule.Integer(30, 3600), Source = SettingSource.Context, ContextKey = "galleryUploadUrlTtlSeconds", Default = "300", Description = "How long an upload URL works, in seconds." };

    // SES events and campaign counters (issue 17).

    /// <summary>CAMPAIGN_STATS_TABLE: per-campaign, per-day counters and the unique open/click markers.</summary>
    public static Setting CampaignStatsTable { get; } = new() { Name = "CAMPAIGN_STATS_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "Per-campaign, per-day counters of both providers' events, and the markers that count each recipient's first open and click once (DynamoDB)." };

    /// <summary>SES_CONFIGURATION_SET_OUTREACH: the configuration set outreach mail is sent with (its tracking follows the stack's switch).</summary>
    public static Setting SesConfigurationSetOutreach { get; } = new() { Name = "SES_CONFIGURATION_SET_OUTREACH", Rule = SettingRule.Text, Source = SettingSource.Stack, Default = string.Empty, Description = "The SES configuration set of outreach mail (event publishing; open and click tracking on by default); empty: none." };

    /// <summary>SES_CONFIGURATION_SET_FINANCIAL: the configuration set financial mail is sent with.</summary>
    public static Setting SesConfigurationSetFinancial { get; } = new() { Name = "SES_CONFIGURATION_SET_FINANCIAL", Rule = SettingRule.Text, Source = SettingSource.Stack, Default = string.Empty, Description = "The SES configuration set of financial mail (event publishing; open and click tracking off by default); empty: none." };
    // Campaigns (issue 16).

    /// <summary>CAMPAIGNS_TABLE.</summary>
    public static Setting CampaignsTable { get; } = new() { Name = "CAMPAIGNS_TABLE", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "The campaign table: campaigns, per-recipient claims and results, parked batches (DynamoDB, TTL expiresAt)." };

    /// <summary>CAMPAIGN_BUCKET.</summary>
    public static Setting CampaignBucket { get; } = new() { Name = "CAMPAIGN_BUCKET", Rule = SettingRule.Text, Source = SettingSource.Stack, Required = true, Description = "The private bucket of campaign content and recipient lists (never behind CloudFront)." };

    /// <summary>CAMPAIGN_QUEUE_URL.</summary>
    public static Setting CampaignQueueUrl { get; } = new() { Name = "CAMPAIGN_QUEUE_URL", Rule = SettingRule.AbsoluteUrl, Source = SettingSource.Stack, Required = true, Description = "The campaign queue the planner fills (SQS)." };

    /// <summary>CAMPAIGN_BATCH_SIZE.</summary>
    public static Setting CampaignBatchSize { get; } = new() { Name = "CAMPAIGN_BATCH_SIZE", Rule = SettingRule.Integer(1, 100), Source = SettingSource.Context, ContextKey = "campaignBatchSize", Default = "10", Description = "Recipients per queue message." };

    /// <summary>CAMPAIGN_RETENTION_DAYS.</summary>
    public static Setting CampaignRetentionDays { get; } = new() { Name = "CAMPAIGN_RETENTION_DAYS", Rule = SettingRule.Integer(1, 400), Source = SettingSource.Context, ContextKey = "campaignRetentionDays", Default = "90", Description = "How long a campaign and its per-recipient rows are kept (the table's TTL)." };

    /// <summary>SES_MAX_SEND_RATE.</summary>
    public static Setting SesMaxSendRate { get; } = new() { Name = "SES_MAX_SEND_RATE", Rule = SettingRule.Integer(1, 100_000), Source = SettingSource.Context, ContextKey = "sesMaxSendRate", Default = "14", Description = "The provider's sending rate (messages per second) every sender together stays under: the SES account's, or under Mailgun (no per-second quota, only its plan's limits) the rate allotted to campaigns." };

    /// <summary>CAMPAIGN_SENDER_MAX_CONCURRENCY.</summary>
    public static Setting CampaignSenderMaxConcurrency { get; } = new() { Name = "CAMPAIGN_SENDER_MAX_CONCURRENCY", Rule = SettingRule.Integer(2, 1000), Source = SettingSource.Context, ContextKey = "campaignSenderMaxConcurrency", Default = "2", Description = "The queue mapping's maximum concurrency: each sender paces itself to SES_MAX_SEND_RATE divided by it." };

    /// <summary>CAMPAIGN_SEND_CONCURRENCY.</summary>
    public static Setting CampaignSendConcurrency { get; } = new() { Name = "CAMPAIGN_SEND_CONCURRENCY", Rule = SettingRule.Integer(1, 64), Source = SettingSource.Context, ContextKey = "campaignSendConcurrency", Default = "4", Description = "Recipients of one batch in flight at once in a sender." };

    /// <summary>CAMPAIGN_CLAIM_TIMEOUT_SECONDS.</summary>
    public static Setting CampaignClaimTimeoutSeconds { get; } = new() { Name = "CAMPAIGN_CLAIM_TIMEOUT_SECONDS", Rule = SettingRule.Integer(10, 900), Source = SettingSource.Stack, Default = "60", Description = "The sender's function timeout: a claim older than this without a result belongs to an ended invocation." };

    // outreach stats routes (issue 17's read side).

    /// <summary>OUTREACH_STATS_RATE_LIMIT: the CRM documents 50 analytics requests a minute.</summary>
    public static Setting OutreachStatsRateLimit { get; } = new() { Name = "OUTREACH_STATS_RATE_LIMIT", Rule = SettingRule.Integer(1, 10000), Source = SettingSource.Context, ContextKey = "outreachStatsRateLimit", Default = "50", Description = "Requests a minute per Firebase user across the outreach stats routes (campaign-stats, tracking-data)." };

    /// <summary>CAMPAIGN_MAX_RECIPIENTS.</summary>
    public static Setting CampaignMaxRecipients { get; } = new() { Name = "CAMPAIGN_MAX_RECIPIENTS", Rule = SettingRule.Integer(1, 25_000), Source = SettingSource.Context, ContextKey = "campaignMaxRecipients", Default = "10000", Description = "Distinct recipients POST /campaigns takes inline in `to` (at 254 characters an address, 25,000 stay well inside API Gateway's 10 MB); bigger lists go through recipientsS3Key." };

    /// <summary>CAMPAIGN_LIST_MAX_RECIPIENTS.</summary>
    public static Setting CampaignListMaxRecipients { get; } = new() { Name = "CAMPAIGN_LIST_MAX_RECIPIENTS", Rule = SettingRule.Integer(1, 1_000_000), Source = SettingSource.Context, ContextKey = "campaignListMaxRecipients", Default = "100000", Description = "Distinct recipients of an uploaded list (recipientsS3Key)." };

    /// <summary>CAMPAIGN_PLAN_QUEUE_URL.</summary>
    public static Setting CampaignPlanQueueUrl { get; } = new() { Name = "CAMPAIGN_PLAN_QUEUE_URL", Rule = SettingRule.AbsoluteUrl, Source = SettingSource.Stack, Required = true, Description = "The queue POST /campaigns hands a stored campaign to the planner on ({\"campaignId\":…}, SQS)." };

    /// <summary>What every subscription-handling function reads (SubscriptionSettings).</summary>
    public static IReadOnlyList<Setting> Subscriptions { get; } =
    [
        AwsRegion, AwsDefaultRegion, AwsEndpointUrl, SesContactListName, UnsubscribeKmsKeyId, TokenKeysTable, AuditTable, ContactLeaseTable,
        PiiHashKeySecret, PiiHashKey, MetricsNamespace, UnsubscribeTokenMaxAgeDays,
    ];

    /// <summary>What send-mail reads.</summary>
    public static IReadOnlyList<Setting> SendMail { get; } =
    [
        .. Subscriptions, MailTransport, ListUnsubscribeOwner, UnsubscribeBaseUrl, UnsubscribeMailbox, SendMailMaxRecipients, SendMailMaxBodyBytes, SendMailMaxReports,
        SendMailConcurrency, ReportsBucket, ReportKeyTemplate, CloudFrontDomain, CloudFrontPrivateKeySecret, CloudFrontHashAlgorithm, SignedUrlTtlDays, IdempotencyTable,
        MailgunRegion, MailgunBaseUrl, MailgunDomain, MailgunApiKeySecret, SesConfigurationSetOutreach, SesConfigurationSetFinancial,
    ];

    /// <summary>What unsubscribe reads.</summary>
    public static IReadOnlyList<Setting> Unsubscribe { get; } = [.. Subscriptions, UnsubscribeGetMode, UnsubscribeConfirmationUrl];

    /// <summary>What add-contact reads.</summary>
    public static IReadOnlyList<Setting> AddContact { get; } = [.. Subscriptions, FirebaseProjectId, FirebaseCertsUrl, CorsAllowedOrigins];

    /// <summary>What the mailto unsubscribe function reads.</summary>
    public static IReadOnlyList<Setting> MailtoUnsubscribe { get; } = [.. Subscriptions, MailtoMaxContentBytes];

    /// <summary>What the Mailgun webhook reads.</summary>
    public static IReadOnlyList<Setting> MailgunWebhook { get; } = [.. Subscriptions, MailgunWebhookSigningKeySecret, MailgunWebhookMaxAgeSeconds, EventsTable, IdempotencyTable, CampaignStatsTable];

    /// <summary>What the outreach send routes read (send-email, send-template-email).</summary>
    public static IReadOnlyList<Setting> OutreachSend { get; } =
    [
        .. Subscriptions, MailTransport, ListUnsubscribeOwner, UnsubscribeBaseUrl, UnsubscribeMailbox, SendMailMaxBodyBytes, SendMailConcurrency,
        MailgunRegion, MailgunBaseUrl, MailgunDomain, MailgunApiKeySecret, FirebaseProjectId, FirebaseCertsUrl, CorsAllowedOrigins,
        RateLimitTable, OutreachSendRateLimit, OutreachRequiredClaim, OutreachDefaultFrom, OutreachMaxRecipients, SesConfigurationSetOutreach, SesConfigurationSetFinancial,
    ];
    /// <summary>
    /// What the CloudFront key-pair custom resource (functions/CloudFrontKeyPair) reads: only where
    /// AWS is. It is no API function (no route); CDK's SigningKeyPair construct deploys it.
    /// </summary>
    public static IReadOnlyList<Setting> CloudFrontKeyPair { get; } = [AwsRegion, AwsDefaultRegion, AwsEndpointUrl];

    /// <summary>What the gallery reads: no subscription state, the signing key, the bucket and the memberships.</summary>
    public static IReadOnlyList<Setting> Gallery { get; } =
    [
        AwsRegion, AwsDefaultRegion, AwsEndpointUrl, FirebaseProjectId, FirebaseCertsUrl, CorsAllowedOrigins, ReportsBucket, CloudFrontDomain,
        CloudFrontPrivateKeySecret, CloudFrontHashAlgorithm, SpaceMembersTable, GalleryUrlTtlSeconds, GalleryPageSize, GalleryUploadMaxBytes, GalleryUploadTypes,
        GalleryUploadUrlTtlSeconds,
    ];

    /// <summary>What the SES events function reads: the subscription state (bounces and complaints opt out), the events and the counters.</summary>
    public static IReadOnlyList<Setting> SesEvents { get; } = [.. Subscriptions, EventsTable, CampaignStatsTable];

    /// <summary>What the campaign planner reads: the table, the bucket and the queue.</summary>
    public static IReadOnlyList<Setting> CampaignPlanner { get; } = [AwsRegion, AwsDefaultRegion, AwsEndpointUrl, CampaignsTable, CampaignBucket, CampaignQueueUrl, CampaignBatchSize, CampaignRetentionDays];

    /// <summary>What the campaign sender reads: send-mail's per-recipient settings and transport (SES or Mailgun), the table, the bucket and the pacing.</summary>
    public static IReadOnlyList<Setting> CampaignSender { get; } =
    [
        .. Subscriptions, ListUnsubscribeOwner, UnsubscribeBaseUrl, UnsubscribeMailbox, CampaignsTable, CampaignBucket, CampaignRetentionDays,
        SesMaxSendRate, CampaignSenderMaxConcurrency, CampaignSendConcurrency, CampaignClaimTimeoutSeconds, SesConfigurationSetOutreach, SesConfigurationSetFinancial,
        MailTransport, MailgunRegion, MailgunBaseUrl, MailgunDomain, MailgunApiKeySecret,
    ];

    /// <summary>What the outreach stats routes read: the address-hash key (recipientEmail), Firebase, the per-user counters, the events and the campaign counters.</summary>
    public static IReadOnlyList<Setting> OutreachStats { get; } =
    [
        .. Subscriptions, FirebaseProjectId, FirebaseCertsUrl, CorsAllowedOrigins, RateLimitTable, OutreachRequiredClaim, EventsTable, CampaignStatsTable, OutreachStatsRateLimit,
    ];

    /// <summary>What the campaign API reads: send-mail's validation limits and report signing, the campaign table, bucket and queues.</summary>
    public static IReadOnlyList<Setting> Campaigns { get; } =
    [
        AwsRegion, AwsDefaultRegion, AwsEndpointUrl, SendMailMaxBodyBytes, SendMailMaxReports, ReportsBucket, ReportKeyTemplate, CloudFrontDomain,
        CloudFrontPrivateKeySecret, CloudFrontHashAlgorithm, SignedUrlTtlDays, IdempotencyTable, CampaignsTable, CampaignBucket, CampaignQueueUrl, CampaignRetentionDays,
        CampaignMaxRecipients, CampaignListMaxRecipients, CampaignPlanQueueUrl,
    ];

    /// <summary>Every setting, once.</summary>
    public static IReadOnlyList<Setting> All { get; } = [.. new[] { SendMail, Unsubscribe, AddContact, MailtoUnsubscribe, MailgunWebhook, OutreachSend, Gallery, SesEvents, CampaignPlanner, CampaignSender, OutreachStats, Campaigns }.SelectMany(s => s).Distinct()];

    /// <summary>What the function named <paramref name="function"/> (<see cref="FunctionNames"/>) reads.</summary>
    public static IReadOnlyList<Setting> For(string function) => function switch
    {
        FunctionNames.SendMail => SendMail,
        FunctionNames.Unsubscribe => Unsubscribe,
        FunctionNames.AddContact => AddContact,
        FunctionNames.MailtoUnsubscribe => MailtoUnsubscribe,
        FunctionNames.MailgunWebhook => MailgunWebhook,
        FunctionNames.OutreachSend => OutreachSend,
        FunctionNames.Gallery => Gallery,
        FunctionNames.SesEvents => SesEvents,
        FunctionNames.CampaignPlanner => CampaignPlanner,
        FunctionNames.CampaignSender => CampaignSender,
        FunctionNames.OutreachStats => OutreachStats,
        FunctionNames.Campaigns => Campaigns,
        _ => throw new ArgumentException($"No function named '{function}'.", nameof(function)),
    };

    /// <summary>The setting named <paramref name="name"/>, or null.</summary>
    public static Setting? Find(string name) => All.FirstOrDefault(s => s.Name == name);
}
