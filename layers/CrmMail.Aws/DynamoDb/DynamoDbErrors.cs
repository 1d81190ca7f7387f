using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using CrmMail.Signing;
using CrmMail.Signing.Resilience;

namespace CrmMail.Aws.DynamoDb;

/// <summary>Which DynamoDB failures are transient (after the SDK's own retries).</summary>
internal static class DynamoDbErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        AmazonServiceException service => service.ErrorType == ErrorType.Receiver || (int)service.StatusCode is 429 or >= 500 || service.ErrorCode is "ThrottlingException",
        // Unreachable, or out of its bounded attempts (AwsClients); a deadline's cancellation has
        // no TimeoutException inside and is not caught.
        _ => DependencyPipeline.IsTransientFailure(exception, CancellationToken.None),
    };

    public static DependencyUnavailableException Unavailable(string what, Exception exception)
        => new($"DynamoDB {what} failed: {(exception as AmazonServiceException)?.ErrorCode ?? exception.GetType().Name}", exception);
}
