using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Events;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Provider events in <see cref="Settings.Catalogue.EventsTable"/> (partition key <c>eventId</c>,
/// TTL <c>expiresAt</c>, kept <see cref="DynamoDbMailgunEventStore.Retention"/>), in the shape
/// Mailgun's rows share: <c>provider</c>, <c>event</c> (the provider's word), <c>kind</c> (the
/// suite's), <c>timestamp</c> (epoch seconds), <c>at</c> (ISO-8601, sortable), <c>day</c>,
/// <c>messageId</c>, <c>recipientHash</c> (never the address), <c>campaign</c>, <c>stream</c> and
/// <c>details</c> (a map). The read side queries the indexes <c>byMessage</c> (messageId, at),
/// <c>byRecipient</c> (recipientHash, at) and <c>byDay</c> (day, at), newest first. One transaction
/// writes the row under a not-exists condition and adds its campaign counter, so an event is
/// stored and counted once however often SNS delivers it.
/// </summary>
public sealed class DynamoDbDeliveryEventStore(IAmazonDynamoDB dynamoDb, string tableName, DynamoDbCampaignCounters counters, TimeProvider timeProvider) : IDeliveryEventStore
{
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
                ProjectionExpression = "eventId",
            }, cancellationToken).ConfigureAwait(false);
            return response.Item is { Count: > 0 };
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("GetItem (event)", exception);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryRecordAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        var put = new Put { TableName = tableName, Item = Item(deliveryEvent, timeProvider.GetUtcNow()), ConditionExpression = "attribute_not_exists(eventId)" };
        List<TransactWriteItem> items = [new TransactWriteItem { Put = put }];
        if (CampaignCounters.Total(deliveryEvent.Kind) is { } counter)
        {
            items.Add(new TransactWriteItem { Update = counters.Increment(deliveryEvent, counter) });
        }

        try
        {
            await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = items }, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException exception) when (exception.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
        {
            return false;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken) || exception is TransactionCanceledException)
        {
            throw DynamoDbErrors.Unavailable("TransactWriteItems (event)", exception);
        }

        // After the row: a failure here is retried by SNS, which then finds the row (a duplicate)
        // and so can undercount a unique open by one, never count one twice.
        await counters.CountUniqueAsync(deliveryEvent, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The row of <paramref name="deliveryEvent"/>, stored at <paramref name="now"/>: the one shape
    /// of both providers' rows (<see cref="DynamoDbMailgunEventStore"/> writes it too), so the read
    /// side's indexes (keyed on <c>messageId</c>, <c>recipientHash</c>, <c>day</c>, sorted on
    /// <c>at</c>) hold every provider's events.
    /// </summary>
    internal static Dictionary<string, AttributeValue> Item(DeliveryEvent deliveryEvent, DateTimeOffset now)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["eventId"] = new() { S = deliveryEvent.EventId },
            ["provider"] = new() { S = deliveryEvent.Provider },
            ["event"] = new() { S = deliveryEvent.Details.GetValueOrDefault("eventType") ?? deliveryEvent.Kind },
            ["kind"] = new() { S = deliveryEvent.Kind },
            ["timestamp"] = new() { N = (deliveryEvent.At.ToUnixTimeMilliseconds() / 1000.0).ToString("R", CultureInfo.InvariantCulture) },
            ["at"] = new() { S = deliveryEvent.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) },
            ["day"] = new() { S = CampaignCounters.Day(deliveryEvent.At) },
            ["campaign"] = new() { S = deliveryEvent.Campaign },
            ["expiresAt"] = DynamoDbTime.EpochSeconds(now + DynamoDbMailgunEventStore.Retention),
        };
        if (deliveryEvent.RecipientHash.Length > 0)
        {
            item["recipientHash"] = new() { S = deliveryEvent.RecipientHash };
        }

        if (deliveryEvent.MessageId is { Length: > 0 } messageId)
        {
            item["messageId"] = new() { S = messageId };
        }

        if (deliveryEvent.Stream is { Length: > 0 } stream)
        {
            item["stream"] = new() { S = stream };
        }

        if (deliveryEvent.Details.Count > 0)
        {
            item["details"] = new() { M = deliveryEvent.Details.ToDictionary(d => d.Key, d => new AttributeValue { S = d.Value }, StringComparer.Ordinal) };
        }

        return item;
    }
}
