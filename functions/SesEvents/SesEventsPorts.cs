using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Inbound.Events;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.SesEvents;

/// <summary>The adapters the SES events function runs over: the AWS ones in Lambda (<see cref="ForAws"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record SesEventsPorts(SubscriptionServices Services, IDeliveryEventStore Events, TimeProvider Time)
{
    /// <summary>The AWS adapters named by <paramref name="settings"/>, whose secrets are resolved.</summary>
    public static SesEventsPorts ForAws(SesEventsSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var aws = settings.Subscriptions;
        var dynamo = AwsClients.DynamoDb(aws.Region, aws.EndpointOverride);
        return new SesEventsPorts(
            SubscriptionServices.CreateForAws(aws, http, logger, time),
            new DynamoDbDeliveryEventStore(dynamo, settings.EventsTable, new DynamoDbCampaignCounters(dynamo, settings.StatsTable, time), time),
            time);
    }
}
