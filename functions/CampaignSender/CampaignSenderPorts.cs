using System.Threading.RateLimiting;
using CrmMail.Aws.Campaigns;
using CrmMail.Aws.Composition;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Campaigns;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Transport;

namespace CrmMail.Functions.CampaignSender;

/// <summary>
/// The adapters the sender runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones
/// in <c>crm-mail serve</c>. The pacer is the container's: one per instance, as the rate split assumes.
/// </summary>
internal sealed record CampaignSenderPorts
{
    public required SubscriptionServices Services { get; init; }

    public required ICampaignStore Store { get; init; }

    public required ICampaignObjects Objects { get; init; }

    public required IMailTransport Transport { get; init; }

    public required RateLimiter Pacer { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>
    /// The transport send-mail would build from the same settings (SES, or Mailgun with its key
    /// from Secrets Manager), DynamoDB and S3 named by <paramref name="settings"/>, whose secrets are resolved.
    /// </summary>
    public static CampaignSenderPorts ForAws(CampaignSenderSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var aws = settings.Subscriptions;
        var credentials = new DefaultAwsCredentialsSource();
        var secrets = new SecretsManagerClient(http, aws.Region, aws.EndpointOverride, credentials, time);
        return new CampaignSenderPorts
        {
            Services = SubscriptionServices.CreateForAws(aws, http, logger, time),
            Store = new DynamoDbCampaignStore(AwsClients.DynamoDb(aws.Region, aws.EndpointOverride), settings.Table, settings.Retention, time),
            Objects = new S3CampaignObjects(AwsClients.S3(aws.Region, aws.EndpointOverride), settings.Bucket),
            Transport = SenderTransport.ForAws(settings.Mailgun, aws, settings.SuiteOwnsListUnsubscribe, settings.ConfigurationSets, http, secrets, credentials, time),
            // The provider's rate split over the mapping's instances; under Mailgun the same
            // variable is the rate allotted to campaigns (see CampaignSenderSettings.SesMaxSendRate).
            Pacer = CampaignPacer.Create(settings.SesMaxSendRate, settings.MaxConcurrency),
            Time = time,
        };
    }
}
