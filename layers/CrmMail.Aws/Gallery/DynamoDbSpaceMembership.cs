using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Gallery;

namespace CrmMail.Aws.Gallery;

/// <summary>
/// Space memberships in DynamoDB (<see cref="Settings.Catalogue.SpaceMembersTable"/>): partition
/// key <c>uid</c>, sort key <c>spaceId</c>, one item per membership. A member check is one
/// strongly consistent GetItem on (uid, spaceId), so a revoke takes effect on the next request;
/// a uid's spaces are one Query on its partition. Only the CLI grants, revokes and lists all
/// (Scan); the function's role has GetItem alone.
/// </summary>
public sealed class DynamoDbSpaceMembership(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : ISpaceMembershipAdmin
{
    /// <summary>The partition key.</summary>
    public const string UidAttribute = "uid";

    /// <summary>The sort key.</summary>
    public const string SpaceAttribute = "spaceId";

    /// <inheritdoc />
    public async Task<bool> IsMemberAsync(string uid, string spaceId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = Key(uid, spaceId),
                ConsistentRead = true,
                ProjectionExpression = "#uid",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#uid"] = UidAttribute },
            }, cancellationToken).ConfigureAwait(false);
            return response.Item is { Count: > 0 };
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("GetItem (space membership)", exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> GrantAsync(string uid, string spaceId, CancellationToken cancellationToken)
    {
        var item = Key(uid, spaceId);
        item["grantedAt"] = DynamoDbTime.EpochSeconds(timeProvider.GetUtcNow());
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#uid)",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#uid"] = UidAttribute },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string uid, string spaceId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(uid, spaceId), ReturnValues = ReturnValue.ALL_OLD }, cancellationToken).ConfigureAwait(false);
        return response.Attributes is { Count: > 0 };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SpaceMembership>> ListAsync(string? uid, CancellationToken cancellationToken)
    {
        var found = new List<SpaceMembership>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            IReadOnlyList<Dictionary<string, AttributeValue>> items;
            if (uid is null)
            {
                var scan = await dynamoDb.ScanAsync(new ScanRequest { TableName = tableName, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
                (items, start) = (scan.Items ?? [], scan.LastEvaluatedKey is { Count: > 0 } next ? next : null);
            }
            else
            {
                var query = await dynamoDb.QueryAsync(new QueryRequest
                {
                    TableName = tableName,
                    KeyConditionExpression = "#uid = :uid",
                    ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#uid"] = UidAttribute },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":uid"] = new() { S = uid } },
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                }, cancellationToken).ConfigureAwait(false);
                (items, start) = (query.Items ?? [], query.LastEvaluatedKey is { Count: > 0 } next ? next : null);
            }

            found.AddRange(items.Select(i => new SpaceMembership(i[UidAttribute].S, i[SpaceAttribute].S)));
        }
        while (start is not null);

        return [.. found.OrderBy(m => m.Uid, StringComparer.Ordinal).ThenBy(m => m.SpaceId, StringComparer.Ordinal)];
    }

    private static Dictionary<string, AttributeValue> Key(string uid, string spaceId) => new(StringComparer.Ordinal)
    {
        [UidAttribute] = new() { S = uid },
        [SpaceAttribute] = new() { S = spaceId },
    };
}
