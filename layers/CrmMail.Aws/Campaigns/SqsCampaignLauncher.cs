using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using CrmMail.Campaigns;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;

namespace CrmMail.Aws.Campaigns;

/// <summary>
/// Hands a campaign to the planner through the plan queue: one message
/// <c>{"campaignId":"…"}</c> (<see cref="PlanRequest"/>, the planner's event). A failure throws
/// <see cref="DependencyUnavailableException"/>, so the API answers 503 and nothing is half-launched.
/// </summary>
public sealed class SqsCampaignLauncher(IAmazonSQS sqs, string queueUrl) : ICampaignLauncher
{
    /// <inheritdoc />
    public async Task LaunchAsync(string campaignId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        try
        {
            await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = queueUrl,
                MessageBody = JsonSerializer.Serialize(new PlanRequest(campaignId), CampaignJsonContext.Default.PlanRequest),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AmazonServiceException || DependencyPipeline.IsTransientFailure(exception, cancellationToken))
        {
            throw new DependencyUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"SQS SendMessage (campaign plan) failed: {(exception as AmazonServiceException)?.ErrorCode ?? exception.GetType().Name}."), exception);
        }
    }
}
