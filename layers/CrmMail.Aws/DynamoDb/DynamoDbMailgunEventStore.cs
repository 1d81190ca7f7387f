using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Mailgun;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Mailgun events in <see cref="Settings.Catalogue.EventsTable"/> (partition key <c>eventId</c>, TTL <c>expiresAt</c>,
/// 90 days): message id, recipient hash (never the address), event, time, tags, delivery
/// status.
/// </summary>
public sealed class DynamoDbMailgunEventStore(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : IMailgunEventStore
{
    /// <summary>How long events are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <inheritdoc />
    public async Task<bool> ContainsAsync(string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { ["eventId"] = new() { S = eventId } },
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
            return response.Item is { Count: > 0 };
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("GetItem (event)", exception);
        }
    }

    /// <inheritdoc />
    public async Task RecordAsync(MailgunEvent mailgunEvent, string recipientHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailgunEvent);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["eventId"] = new() { S = mailgunEvent.Id },
            ["event"] = new() { S = mailgunEvent.Type },
            ["timestamp"] = new() { N = mailgunEvent.Timestamp.ToString("R", CultureInfo.InvariantCulture) },
            ["tags"] = new() { L = mailgunEvent.Tags.Select(t => new AttributeValue { S = t }).ToList() },
            ["expiresAt"] = DynamoDbTime.EpochSeconds(timeProvider.GetUtcNow() + Retention),
        };
        if (recipientHash.Length > 0)
        {
            item["recipientHash"] = new() { S = recipientHash };
        }

        if (mailgunEvent.MessageId is { Length: > 0 } messageId)
        {
            item["messageId"] = new() { S = messageId };
        }

        if (mailgunEvent.DeliveryCode is { } code)
        {
            item["deliveryCode"] = new() { N = code.ToString(CultureInfo.InvariantCulture) };
        }

        if (mailgunEvent.DeliveryMessage is { Length: > 0 } deliveryMessage)
        {
            item["deliveryMessage"] = new() { S = deliveryMessage.Length > 1024 ? deliveryMessage[..1024] : deliveryMessage };
        }

        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (event)", exception);
        }
    }
}
