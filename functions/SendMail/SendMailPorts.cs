using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.S3;
using CrmMail.Aws.SesV2;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Reports;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.SendMail;

/// <summary>
/// The adapters send-mail runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in
/// <c>crm-mail serve</c>. Everything else is <see cref="SendMailComposition"/>'s, the same for both.
/// </summary>
internal sealed record SendMailPorts
{
    public required SubscriptionServices Services { get; init; }

    public required IReportLocator Reports { get; init; }

    public required ICloudFrontSignerSource Signer { get; init; }

    /// <summary>The distribution's base URL the links point at (https:// and the CloudFront domain in AWS).</summary>
    public required Uri Distribution { get; init; }

    public required IMailTransport Transport { get; init; }

    public required IIdempotencyStore Idempotency { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>The AWS adapters (and Mailgun) named by <paramref name="settings"/>, whose secrets are resolved.</summary>
    public static SendMailPorts ForAws(SendMailSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var aws = settings.Subscriptions;
        var credentials = new DefaultAwsCredentialsSource();
        var secrets = new SecretsManagerClient(http, aws.Region, aws.EndpointOverride, credentials, time);
        var transport = SenderTransport.ForAws(settings.Mailgun, aws, settings.SuiteOwnsListUnsubscribe, settings.ConfigurationSets, http, secrets, credentials, time);

        return new SendMailPorts
        {
            Services = SubscriptionServices.CreateForAws(aws, http, logger, time),
            Reports = new S3ReportLocator(AwsClients.S3(aws.Region, aws.EndpointOverride), settings.ReportsBucket),
            Signer = new SecretsManagerCloudFrontSignerSource(secrets, settings.CloudFrontPrivateKeySecret, settings.CloudFrontHashAlgorithm, time),
            Distribution = new Uri("https://" + settings.CloudFrontDomain),
            Transport = transport,
            Idempotency = new DynamoDbIdempotencyStore(AwsClients.DynamoDb(aws.Region, aws.EndpointOverride), settings.IdempotencyTable, time),
            Time = time,
        };
    }
}
