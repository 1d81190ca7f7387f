using CrmMail.Aws.Campaigns;
using CrmMail.Aws.Composition;
using CrmMail.Campaigns;

namespace CrmMail.Functions.CampaignPlanner;

/// <summary>The adapters the planner runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record CampaignPlannerPorts(ICampaignStore Store, ICampaignObjects Objects, ICampaignQueue Queue, TimeProvider Time)
{
    /// <summary>DynamoDB, S3 and SQS clients named by <paramref name="settings"/>.</summary>
    public static CampaignPlannerPorts ForAws(CampaignPlannerSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CampaignPlannerPorts(
            new DynamoDbCampaignStore(AwsClients.DynamoDb(settings.Region, settings.EndpointOverride), settings.Table, settings.Retention, time),
            new S3CampaignObjects(AwsClients.S3(settings.Region, settings.EndpointOverride), settings.Bucket),
            new SqsCampaignQueue(AwsClients.Sqs(settings.Region, settings.EndpointOverride), settings.QueueUrl.ToString()),
            time);
    }
}
