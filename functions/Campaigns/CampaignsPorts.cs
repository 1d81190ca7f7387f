using System.Security.Cryptography;
using CrmMail.Aws.Campaigns;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.S3;
using CrmMail.Campaigns;
using CrmMail.Mail.Idempotency;
using CrmMail.Mail.Reports;

namespace CrmMail.Functions.Campaigns;

/// <summary>
/// The adapters the campaign API runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local
/// ones in <c>crm-mail serve</c>. Everything else is <see cref="CampaignsComposition"/>'s.
/// </summary>
internal sealed record CampaignsPorts
{
    public required ICampaignStore Store { get; init; }

    public required ICampaignRecords Records { get; init; }

    public required ICampaignObjects Objects { get; init; }

    public required ICampaignQueue Queue { get; init; }

    public required ICampaignLauncher Launcher { get; init; }

    public required ICampaignUploads Uploads { get; init; }

    public required IReportLocator Reports { get; init; }

    public required ICloudFrontSignerSource Signer { get; init; }

    /// <summary>The distribution's base URL the report links point at.</summary>
    public required Uri Distribution { get; init; }

    public required IIdempotencyStore Idempotency { get; init; }

    /// <summary>The random source of campaign ids and upload keys.</summary>
    public required RandomNumberGenerator Random { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>DynamoDB, S3, SQS and Secrets Manager clients named by <paramref name="settings"/>.</summary>
    public static CampaignsPorts ForAws(CampaignsSettings settings, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dynamo = AwsClients.DynamoDb(settings.Region, settings.EndpointOverride);
        var s3 = AwsClients.S3(settings.Region, settings.EndpointOverride);
        var sqs = AwsClients.Sqs(settings.Region, settings.EndpointOverride);
        var store = new DynamoDbCampaignStore(dynamo, settings.Table, settings.Retention, time);
        var secrets = new SecretsManagerClient(http, settings.Region, settings.EndpointOverride, new DefaultAwsCredentialsSource(), time);
        return new CampaignsPorts
        {
            Store = store,
            Records = store,
            Objects = new S3CampaignObjects(s3, settings.Bucket),
            Queue = new SqsCampaignQueue(sqs, settings.QueueUrl.ToString()),
            Launcher = new SqsCampaignLauncher(sqs, settings.PlanQueueUrl.ToString()),
            Uploads = new S3CampaignUploads(s3, settings.Bucket),
            Reports = new S3ReportLocator(s3, settings.ReportsBucket),
            Signer = new SecretsManagerCloudFrontSignerSource(secrets, settings.CloudFrontPrivateKeySecret, settings.CloudFrontHashAlgorithm, time),
            Distribution = new Uri("https://" + settings.CloudFrontDomain),
            Idempotency = new DynamoDbIdempotencyStore(dynamo, settings.IdempotencyTable, time),
            Random = RandomNumberGenerator.Create(),
            Time = time,
        };
    }
}
