using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Subscriptions;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Contact leases in <see cref="Settings.Catalogue.ContactLeaseTable"/> (partition key <c>pk</c> = the canonical
/// address, <c>owner</c>, TTL <c>expiresAt</c> in epoch seconds): taken by a conditional put
/// that succeeds only when no lease exists or the existing one has expired, released by a
/// delete conditional on the owner, so a container never releases another's lease.
/// IAM: <c>dynamodb:PutItem</c> and <c>dynamodb:DeleteItem</c> on the table.
/// </summary>
public sealed class DynamoDbContactLease(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : IContactLease
{
    /// <inheritdoc />
    public async Task<bool> TryAcquireAsync(string contactKey, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactKey);
        ArgumentNullException.ThrowIfNull(owner);
        var now = timeProvider.GetUtcNow();
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    ["pk"] = new() { S = contactKey },
                    ["owner"] = new() { S = owner },
                    ["expiresAt"] = DynamoDbTime.EpochSeconds(now + duration),
                },
                // An expired lease (its holder crashed, TTL has not deleted it yet) does not block.
                ConditionExpression = "attribute_not_exists(pk) OR expiresAt < :now",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":now"] = DynamoDbTime.EpochSeconds(now) },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (contact lease)", exception);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string contactKey, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactKey);
        ArgumentNullException.ThrowIfNull(owner);
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["pk"] = new() { S = contactKey } },
                ConditionExpression = "#owner = :owner",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#owner"] = "owner" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":owner"] = new() { S = owner } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Expired and taken by another owner (or gone): theirs now, not ours to delete.
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("DeleteItem (contact lease)", exception);
        }
    }
}
