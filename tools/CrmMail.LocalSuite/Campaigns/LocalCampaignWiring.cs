using CrmMail.Aws.Campaigns;
using CrmMail.Aws.Composition;
using CrmMail.Functions.CampaignPlanner;
using CrmMail.Functions.CampaignSender;
using CrmMail.Hosting.Logging;
using CrmMail.Lambda.Core;
using CrmMail.Mail.Transport;

namespace CrmMail.LocalSuite.Campaigns;

/// <summary>
/// Builds serve's campaign engine: over local files, the in-memory table and the in-process
/// queue stand-in; or, with <c>--aws-endpoint</c>, over the AWS adapters (DynamoDB table, S3
/// bucket, SQS queue with its dead-letter queue) at the endpoint, polled by <see cref="SqsQueuePoller"/>.
/// </summary>
internal static class LocalCampaignWiring
{
    /// <summary>serve's queue names (the stack names its own).</summary>
    public const string QueueName = "crm-mail-local-campaigns";

    /// <summary>The dead-letter queue's name.</summary>
    public const string DeadLetterQueueName = "crm-mail-local-campaigns-dlq";

    /// <summary>The redrive policy's maxReceiveCount, locally and at the endpoint.</summary>
    public const int MaxReceiveCount = 5;

    /// <summary>SQS messages (batches of recipients) per sender invocation.</summary>
    public const int MessagesPerInvocation = 10;

    /// <summary>
    /// The queue's visibility timeout: AWS asks for at least six times the consumer's function
    /// timeout (the claim timeout), so a slow invocation's batch is not delivered twice at once.
    /// </summary>
    public static TimeSpan VisibilityTimeout(CampaignSenderSettings settings) => settings.ClaimTimeout * 6;

    /// <summary>serve's campaign bucket: files under the data folder's <c>campaigns/</c>.</summary>
    public static FileCampaignObjects Objects(LocalDataDirectory data) => new(Path.Combine(data.Root, "campaigns"));

    public static async Task<LocalCampaignEngine> BuildAsync(LocalSuiteOptions options, IEnvironmentVariables environment, LocalDataDirectory data, SubscriptionServices services, IMailTransport transport, ILambdaLogger logger, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var planner = CampaignPlannerSettings.Load(environment);
        var sender = CampaignSenderSettings.Load(environment);
        var queueOptions = new LocalQueueOptions
        {
            VisibilityTimeout = VisibilityTimeout(sender),
            MaxReceiveCount = MaxReceiveCount,
            BatchSize = MessagesPerInvocation,
            MaxConcurrency = sender.MaxConcurrency,
        };
        void OnError(Exception exception) => StructuredLog.WriteWarning(logger, "campaign sender invocation failed", LogField.Of("reason", exception.GetType().Name));

        if (options.AwsEndpoint is { } endpoint)
        {
            var sqs = AwsClients.Sqs(planner.Region, endpoint);
            var queueUrl = options.Provision
                ? await AwsEndpointProvisioner.ProvisionCampaignsAsync(endpoint, planner.Region, planner.Table, planner.Bucket, QueueName, DeadLetterQueueName, MaxReceiveCount, queueOptions.VisibilityTimeout, options.Log, cancellationToken).ConfigureAwait(false)
                : (await sqs.GetQueueUrlAsync(QueueName, cancellationToken).ConfigureAwait(false)).QueueUrl;
            var store = new DynamoDbCampaignStore(AwsClients.DynamoDb(planner.Region, endpoint), planner.Table, planner.Retention, time);
            var objects = new S3CampaignObjects(AwsClients.S3(planner.Region, endpoint), planner.Bucket);
            var poller = new SqsQueuePoller(sqs, queueUrl, queueOptions);
            return new LocalCampaignEngine(planner, sender, services, transport, store, store, objects, new SqsCampaignQueue(sqs, queueUrl), consumer =>
            {
                poller.Start(consumer, OnError);
                return async () =>
                {
                    await poller.DisposeAsync().ConfigureAwait(false);
                    sqs.Dispose();
                };
            }, logger, time);
        }

        var queue = new LocalSqsQueue(queueOptions, time) { InvocationFailed = OnError };
        var table = new LocalCampaignStore();
        return new LocalCampaignEngine(planner, sender, services, transport, table, table, Objects(data), queue, consumer =>
        {
            queue.Start(consumer);
            return queue.DisposeAsync;
        }, logger, time);
    }
}
