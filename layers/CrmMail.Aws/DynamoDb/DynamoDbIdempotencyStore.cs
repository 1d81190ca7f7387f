using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Mail.Idempotency;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Idempotency keys in DynamoDB (<see cref="Settings.Catalogue.IdempotencyTable"/>, partition key <c>pk</c>, TTL
/// attribute <c>expiresAt</c>): a conditional put claims a key; a claim left in progress by a
/// crashed request can be taken over after <see cref="LockTime"/>; completed responses are kept
/// for 24 hours.
/// </summary>
public sealed class DynamoDbIdempotencyStore(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : IIdempotencyStore
{
    /// <summary>How long an in-progress claim blocks others (longer than API Gateway's 29 s).</summary>
    public static readonly TimeSpan LockTime = TimeSpan.FromMinutes(2);

    /// <summary>How long a completed response is replayed.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <inheritdoc />
    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    ["pk"] = new() { S = Pk(key) },
                    ["state"] = new() { S = "in_progress" },
                    ["requestHash"] = new() { S = requestHash },
                    ["lockUntil"] = DynamoDbTime.EpochSeconds(now + LockTime),
                    ["expiresAt"] = DynamoDbTime.EpochSeconds(now + Retention),
                },
                ConditionExpression = "attribute_not_exists(pk) OR (#state = :inProgress AND lockUntil < :now)",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#state"] = "state" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":inProgress"] = new() { S = "in_progress" },
                    [":now"] = DynamoDbTime.EpochSeconds(now),
                },
            }, cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyState.Started);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone holds or completed the key: read what is there.
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (idempotency)", exception);
        }

        var item = (await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["pk"] = new() { S = Pk(key) } },
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false)).Item;
        if (item is null || item.Count == 0)
        {
            return new IdempotencyClaim(IdempotencyState.InProgress);
        }

        if (item.GetValueOrDefault("requestHash")?.S != requestHash)
        {
            return new IdempotencyClaim(IdempotencyState.Mismatch);
        }

        return item.GetValueOrDefault("state")?.S == "done"
            ? new IdempotencyClaim(IdempotencyState.Completed, int.Parse(item["status"].N, CultureInfo.InvariantCulture), item["response"].S)
            : new IdempotencyClaim(IdempotencyState.InProgress);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(string key, string requestHash, int statusCode, string response, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                ["pk"] = new() { S = Pk(key) },
                ["state"] = new() { S = "done" },
                ["requestHash"] = new() { S = requestHash },
                ["status"] = new() { N = statusCode.ToString(CultureInfo.InvariantCulture) },
                ["response"] = new() { S = response },
                ["expiresAt"] = DynamoDbTime.EpochSeconds(now + Retention),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string key, CancellationToken cancellationToken)
        => await dynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["pk"] = new() { S = Pk(key) } },
        }, cancellationToken).ConfigureAwait(false);

    private static string Pk(string key) => "send-mail#" + key;
}
