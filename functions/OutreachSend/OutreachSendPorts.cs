using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Identity;
using CrmMail.Kernel.RateLimiting;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Templates;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.OutreachSend;

/// <summary>
/// The adapters the outreach send routes run over: the AWS ones in Lambda (<see cref="ForAws"/>),
/// local ones in <c>crm-mail serve</c>. Everything else is <see cref="OutreachSendComposition"/>'s.
/// </summary>
internal sealed record OutreachSendPorts
{
    public required SubscriptionServices Services { get; init; }

    public required IFirebaseCertificateSource FirebaseCertificates { get; init; }

    public required IMailTransport Transport { get; init; }

    /// <summary>The transport's own templates (SES v2 email templates or Mailgun stored templates).</summary>
    public required IEmailTemplateStore Templates { get; init; }

    /// <summary>Per-user counters shared by every container.</summary>
    public required IRateLimitCounter RateLimits { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>The AWS adapters (and Mailgun) named by <paramref name="settings"/>, whose secrets are resolved.</summary>
    public static OutreachSendPorts ForAws(OutreachSendSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var aws = settings.Subscriptions;
        var credentials = new DefaultAwsCredentialsSource();
        IMailTransport transport;
        IEmailTemplateStore templates;
        if (settings.Mailgun is { } mailgun)
        {
            var secrets = new SecretsManagerClient(http, aws.Region, aws.EndpointOverride, credentials, time);
            var apiKey = mailgun.ApiKey(secrets);
            transport = new MailgunTransport(http, mailgun.Options, apiKey);
            templates = new MailgunTemplateStore(http, mailgun.Options, apiKey, time);
        }
        else
        {
            var ses = new SesV2Client(http, new SesV2ClientOptions(aws.Region, aws.EndpointOverride), credentials, time);
            transport = new SesMailTransport(ses, settings.SuiteOwnsListUnsubscribe ? null : aws.ContactListName, settings.ConfigurationSets);
            templates = new SesEmailTemplateStore(ses);
        }

        return new OutreachSendPorts
        {
            Services = SubscriptionServices.CreateForAws(aws, http, logger, time),
            FirebaseCertificates = new HttpFirebaseCertificateSource(http, settings.FirebaseCertificatesUrl, time),
            Transport = transport,
            Templates = templates,
            RateLimits = new DynamoDbRateLimitCounter(AwsClients.DynamoDb(aws.Region, aws.EndpointOverride), settings.RateLimitTable),
            Time = time,
        };
    }
}
