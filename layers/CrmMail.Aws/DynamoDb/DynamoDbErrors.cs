using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using CrmMail.Kernel;
using CrmMail.Kernel.Resilience;

namespace CrmMail.Aws.DynamoDb;

/// <summary>Which DynamoDB failures are transient (after the SDK's own retries).</summary>
internal static class DynamoDbErrors
{
    public static bool IsTransient(Exception exception, CancellationToken callerToken) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        AmazonServiceException service => service.ErrorType == ErrorType.Receiver || (int)service.StatusCode is 429 or >= 500 || service.ErrorCode is "ThrottlingException",
        // Unreachable, or out of its bounded attempts (AwsClients); the caller's own deadline is
        // never caught, so it reaches the handler as the deadline.
        _ => DependencyPipeline.IsTransientFailure(exception, callerToken),
    };

    public static DependencyUnavailableException Unavailable(string what, Exception exception)
        => new($"DynamoDB {what} failed: {(exception as AmazonServiceException)?.ErrorCode ?? exception.GetType().Name}", exception);
}
