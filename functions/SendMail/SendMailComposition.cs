using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.S3;
using CrmMail.Aws.SesV2;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Composition;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Sending;
using CrmMail.Mail.Transport;
using CrmMail.Mail.Validation;

namespace CrmMail.Functions.SendMail;

/// <summary>Builds the handler over the AWS adapters (and Mailgun) from validated settings.</summary>
internal static class SendMailComposition
{
    public static SendMailHandler Build(SendMailSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
    {
        var aws = settings.Subscriptions;
        var credentials = new DefaultAwsCredentialsSource();
        var services = SubscriptionServices.CreateForAws(aws, http, logger, time);
        var secrets = new SecretsManagerClient(http, aws.Region, aws.EndpointOverride, credentials, time);

        var reports = new ReportLinkService(
            new S3ReportLocator(AwsClients.S3(aws.Region, aws.EndpointOverride), settings.ReportsBucket),
            new SecretsManagerCloudFrontSignerSource(secrets, settings.CloudFrontPrivateKeySecret, settings.CloudFrontHashAlgorithm, time),
            settings.ReportKeyTemplate,
            new Uri("https://" + settings.CloudFrontDomain),
            settings.SignedUrlLifetime,
            time);

        IMailTransport transport;
        if (settings.Mailgun is { } mailgun)
        {
            var secretId = settings.MailgunApiKeySecret!;
            string? cachedKey = null;
            // Read once per container; a failed read is not cached.
            transport = new MailgunTransport(http, mailgun, async ct => cachedKey ??= await secrets.GetSecretStringAsync(secretId, ct).ConfigureAwait(false));
        }
        else
        {
            transport = new SesMailTransport(
                new SesV2Client(http, new SesV2ClientOptions(aws.Region, aws.EndpointOverride), credentials, time),
                settings.SuiteOwnsListUnsubscribe ? null : aws.ContactListName);
        }

        var composer = new MessageComposer(new ListUnsubscribe(settings.UnsubscribeBaseUrl, settings.UnsubscribeMailbox), services.Hasher, includeListUnsubscribeHeaders: settings.SuiteOwnsListUnsubscribe);
        var service = new SendMailService(reports, services.Subscriptions, services.Audit, services.Tokens, composer, transport, services.Hasher, time, settings.Concurrency);
        var idempotency = new DynamoDbIdempotencyStore(AwsClients.DynamoDb(aws.Region, aws.EndpointOverride), settings.IdempotencyTable, time);
        return new SendMailHandler(service, new SendMailValidator(settings.MaxRecipients, settings.MaxBodyBytes, settings.MaxReports), idempotency, settings.MaxBodyBytes, time, services.Metrics);
    }
}
