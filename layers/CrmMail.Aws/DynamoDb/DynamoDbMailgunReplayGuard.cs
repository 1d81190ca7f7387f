using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Mailgun;

namespace CrmMail.Aws.DynamoDb;

/// <summary>Mailgun webhook tokens, each accepted once: a conditional put in <see cref="Settings.Catalogue.IdempotencyTable"/> (<c>pk</c>, TTL <c>expiresAt</c>).</summary>
public sealed class DynamoDbMailgunReplayGuard(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : IMailgunReplayGuard
{
    /// <inheritdoc />
    public async Task<bool> TryAcceptAsync(string token, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    ["pk"] = new() { S = Pk(token) },
                    ["expiresAt"] = DynamoDbTime.EpochSeconds(now + ttl),
                },
                // An expired row that TTL has not deleted yet does not block.
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
            throw DynamoDbErrors.Unavailable("PutItem (mailgun token)", exception);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["pk"] = new() { S = Pk(token) } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("DeleteItem (mailgun token)", exception);
        }
    }

    private static string Pk(string token) => "mailgun-token#" + token;
}
