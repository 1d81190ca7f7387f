using System.Text;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Mailgun;
using CrmMail.Lambda.Core;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>The adapters the webhook runs over: the AWS ones in Lambda (<see cref="ForAwsAsync"/>), local ones in <c>crm-mail serve</c>.</summary>
internal sealed record WebhookPorts(SubscriptionServices Services, byte[] SigningKey, IMailgunReplayGuard Replay, IMailgunEventStore Events, ICampaignCounters Counters, TimeProvider Time)
{
    /// <summary>The AWS adapters named by <paramref name="settings"/>, whose secrets are resolved, and the signing key read from its secret.</summary>
    public static async Task<WebhookPorts> ForAwsAsync(WebhookSettings settings, HttpClient http, ILambdaLogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var aws = settings.Subscriptions;
        // Read once per container, at init: a missing secret fails the deployment visibly.
        var secrets = new SecretsManagerClient(http, aws.Region, aws.EndpointOverride, new DefaultAwsCredentialsSource(), time);
        var signingKey = Encoding.UTF8.GetBytes((await secrets.GetSecretStringAsync(settings.SigningKeySecret, cancellationToken).ConfigureAwait(false)).Trim());
        var dynamo = AwsClients.DynamoDb(aws.Region, aws.EndpointOverride);
        return new WebhookPorts(
            SubscriptionServices.CreateForAws(aws, http, logger, time),
            signingKey,
            new DynamoDbMailgunReplayGuard(dynamo, settings.ReplayTable, time),
            new DynamoDbMailgunEventStore(dynamo, settings.EventsTable, time),
            new DynamoDbCampaignCounters(dynamo, settings.StatsTable, time),
            time);
    }
}
