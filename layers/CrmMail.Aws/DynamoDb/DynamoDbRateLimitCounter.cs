using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Kernel.RateLimiting;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Rate-limit counters in <see cref="Settings.Catalogue.RateLimitTable"/> (<c>pk</c>, TTL
/// <c>expiresAt</c>): one UpdateItem per request, <c>ADD count :one</c> conditioned on
/// <c>attribute_not_exists(pk) OR count &lt; :limit</c>, so the check and the increment are one
/// atomic step across every container. A full window fails the condition and adds nothing.
/// </summary>
public sealed class DynamoDbRateLimitCounter(IAmazonDynamoDB dynamoDb, string tableName) : IRateLimitCounter
{
    /// <inheritdoc />
    public async Task<long?> TryIncrementAsync(string key, long limit, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["pk"] = new() { S = key } },
                UpdateExpression = "ADD #count :one SET expiresAt = :expiresAt",
                ConditionExpression = "attribute_not_exists(pk) OR #count < :limit",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#count"] = "count" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":one"] = new() { N = "1" },
                    [":limit"] = new() { N = limit.ToString(CultureInfo.InvariantCulture) },
                    [":expiresAt"] = DynamoDbTime.EpochSeconds(expiresAt),
                },
                ReturnValues = ReturnValue.UPDATED_NEW,
            }, cancellationToken).ConfigureAwait(false);
            return long.Parse(response.Attributes["count"].N, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("UpdateItem (rate limit)", exception);
        }
    }
}
