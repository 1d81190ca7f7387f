using CrmMail.Aws.Composition;
using CrmMail.Hosting.Configuration;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;
using CrmMail.Signing.CloudFront;

namespace CrmMail.Functions.SendMail;

/// <summary>The send-mail function's configuration, validated at init.</summary>
internal sealed record SendMailSettings
{
    public required SubscriptionSettings Subscriptions { get; init; }

    public required string Transport { get; init; }

    public required bool SuiteOwnsListUnsubscribe { get; init; }

    public required Uri UnsubscribeBaseUrl { get; init; }

    public required string UnsubscribeMailbox { get; init; }

    public required int MaxRecipients { get; init; }

    public required int MaxBodyBytes { get; init; }

    public required int MaxReports { get; init; }

    public required int Concurrency { get; init; }

    public required string ReportsBucket { get; init; }

    public required ReportKeyTemplate ReportKeyTemplate { get; init; }

    public required string CloudFrontDomain { get; init; }

    public required string CloudFrontPrivateKeySecret { get; init; }

    public required CloudFrontHashAlgorithm? CloudFrontHashAlgorithm { get; init; }

    public required TimeSpan SignedUrlLifetime { get; init; }

    public required string IdempotencyTable { get; init; }

    public MailgunOptions? Mailgun { get; init; }

    public string? MailgunApiKeySecret { get; init; }

    public static SendMailSettings Load(IEnvironmentVariables environment)
    {
        var reader = new EnvironmentReader(environment);
        var transport = reader.OneOf("MAIL_TRANSPORT", "ses", "ses", "mailgun");
        var domain = reader.Required("CLOUDFRONT_DOMAIN");
        if (domain.Contains('/', StringComparison.Ordinal) || domain.Contains(':', StringComparison.Ordinal) || Uri.CheckHostName(domain) != UriHostNameType.Dns)
        {
            throw new ConfigurationException($"CLOUDFRONT_DOMAIN must be a host name such as d111111abcdef8.cloudfront.net; got '{domain}'.");
        }

        if (!AddressSyntax.TryNormalizeAddress(reader.Required("UNSUBSCRIBE_MAILBOX"), out var mailbox))
        {
            throw new ConfigurationException("UNSUBSCRIBE_MAILBOX must be an e-mail address.");
        }

        ReportKeyTemplate template;
        try
        {
            template = ReportKeyTemplate.Parse(reader.Optional("REPORT_KEY_TEMPLATE", ReportKeyTemplate.Default));
        }
        catch (FormatException exception)
        {
            throw new ConfigurationException(exception.Message, exception);
        }

        var baseUrl = reader.HttpsUrl("UNSUBSCRIBE_BASE_URL");
        if (!string.IsNullOrEmpty(baseUrl.Query))
        {
            throw new ConfigurationException("UNSUBSCRIBE_BASE_URL may not carry a query string.");
        }

        MailgunOptions? mailgun = null;
        string? mailgunSecret = null;
        if (transport == "mailgun")
        {
            var region = reader.OneOf("MAILGUN_REGION", "us", "us", "eu");
            var baseOverride = reader.OptionalOrNull("MAILGUN_BASE_URL");
            mailgun = new MailgunOptions(
                reader.Required("MAILGUN_DOMAIN"),
                baseOverride is null ? (region == "eu" ? MailgunOptions.EuBaseUrl : MailgunOptions.UsBaseUrl) : reader.HttpsUrl("MAILGUN_BASE_URL", baseOverride));
            mailgunSecret = reader.Required("MAILGUN_API_KEY_SECRET");
        }

        return new SendMailSettings
        {
            Subscriptions = SubscriptionSettings.Load(environment),
            Transport = transport,
            SuiteOwnsListUnsubscribe = reader.OneOf("LIST_UNSUBSCRIBE_OWNER", "suite", "suite", "ses") == "suite",
            UnsubscribeBaseUrl = baseUrl,
            UnsubscribeMailbox = mailbox,
            MaxRecipients = reader.Int("SEND_MAIL_MAX_RECIPIENTS", 50, 1, 1000),
            MaxBodyBytes = reader.Int("SEND_MAIL_MAX_BODY_BYTES", 1024 * 1024, 1024, 6 * 1024 * 1024),
            MaxReports = reader.Int("SEND_MAIL_MAX_REPORTS", SendMailValidator.DefaultMaxReports, 1, 100),
            Concurrency = reader.Int("SEND_MAIL_CONCURRENCY", 8, 1, 64),
            ReportsBucket = reader.Required("REPORTS_BUCKET"),
            ReportKeyTemplate = template,
            CloudFrontDomain = domain,
            CloudFrontPrivateKeySecret = reader.Required("CLOUDFRONT_PRIVATE_KEY_SECRET"),
            CloudFrontHashAlgorithm = ReadHashAlgorithm(reader),
            SignedUrlLifetime = TimeSpan.FromDays(reader.Int("SIGNED_URL_TTL_DAYS", 25, 1, 365)),
            IdempotencyTable = reader.Required("IDEMPOTENCY_TABLE"),
            Mailgun = mailgun,
            MailgunApiKeySecret = mailgunSecret,
        };
    }

    /// <summary>CLOUDFRONT_HASH_ALGORITHM (default | sha1 | sha256); null keeps the key type's default.</summary>
    internal static Signing.CloudFront.CloudFrontHashAlgorithm? ReadHashAlgorithm(EnvironmentReader reader)
        => reader.OneOf("CLOUDFRONT_HASH_ALGORITHM", "default", "default", "sha1", "sha256") switch
        {
            "sha1" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha1,
            "sha256" => Signing.CloudFront.CloudFrontHashAlgorithm.Sha256,
            _ => null,
        };
}
