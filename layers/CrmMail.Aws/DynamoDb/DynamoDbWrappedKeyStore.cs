using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Signing.Tokens;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// The token key registry in DynamoDB (<see cref="Settings.Catalogue.TokenKeysTable"/>): partition key <c>keyId</c>,
/// the KMS-wrapped data key, and <c>expiresAt</c> as the TTL attribute (kept for the key's
/// sealing window plus the longest token life). Reads are strongly consistent: a token may be
/// opened by another container a second after its key was recorded.
/// </summary>
public sealed class DynamoDbWrappedKeyStore(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : IWrappedKeyStore
{
    /// <inheritdoc />
    public async Task PutAsync(WrappedDataKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    ["keyId"] = new() { S = key.IdHex },
                    ["purpose"] = new() { S = key.Purpose == TokenPurpose.Resubscribe ? "resubscribe" : "unsubscribe" },
                    ["wrapped"] = new() { B = new MemoryStream(key.Wrapped, writable: false) },
                    ["createdAt"] = DynamoDbTime.EpochSeconds(key.CreatedAt),
                    ["expiresAt"] = DynamoDbTime.EpochSeconds(key.ExpiresAt),
                },
                // Ids are 64 random bits; a collision must fail loudly rather than overwrite a live key.
                ConditionExpression = "attribute_not_exists(keyId)",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (token key)", exception);
        }
    }

    /// <inheritdoc />
    public async Task<WrappedDataKey?> GetAsync(string idHex, CancellationToken cancellationToken)
    {
        GetItemResponse response;
        try
        {
            response = await dynamoDb.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["keyId"] = new() { S = idHex } },
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("GetItem (token key)", exception);
        }

        if (response.Item is not { Count: > 0 } item
            || !item.TryGetValue("wrapped", out var wrapped) || wrapped.B is null
            || !item.TryGetValue("purpose", out var purpose)
            || !long.TryParse(item.GetValueOrDefault("createdAt")?.N, NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
            || !long.TryParse(item.GetValueOrDefault("expiresAt")?.N, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresAt);
        if (expires <= timeProvider.GetUtcNow())
        {
            // TTL deletion lags by up to days; an expired key is gone as far as tokens are concerned.
            return null;
        }

        return new WrappedDataKey(
            idHex,
            purpose.S == "resubscribe" ? TokenPurpose.Resubscribe : TokenPurpose.Unsubscribe,
            wrapped.B.ToArray(),
            DateTimeOffset.FromUnixTimeSeconds(createdAt),
            expires);
    }
}
