using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Mailgun;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Mailgun events in <see cref="Settings.Catalogue.EventsTable"/> (partition key <c>eventId</c>, TTL <c>expiresAt</c>,
/// 90 days), in the providers' shared row (<see cref="DynamoDbDeliveryEventStore"/>: message id,
/// recipient hash (never the address), kind, time, campaign, stream, details) plus Mailgun's tags
/// and delivery status.
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
        // The providers' shared row (provider, kind, at, day, campaign, stream, details), so the
        // events' indexes and GET /outreach/tracking-data see Mailgun's events as they see SES's;
        // keyed on Mailgun's own event id, which ContainsAsync looks up.
        var item = DynamoDbDeliveryEventStore.Item(MailgunDeliveryEvent.From(mailgunEvent, recipientHash), timeProvider.GetUtcNow());
        item["eventId"] = new() { S = mailgunEvent.Id };
        item["tags"] = new() { L = mailgunEvent.Tags.Select(t => new AttributeValue { S = t }).ToList() };
        if (mailgunEvent.DeliveryCode is { } code)
        {
            item["deliveryCode"] = new() { N = code.ToString(CultureInfo.InvariantCulture) };
        }

        // The receiving server's words, as the shared details keep them (an address in them is
        // masked: no table holds one).
        if (item.GetValueOrDefault("details")?.M?.GetValueOrDefault("deliveryMessage")?.S is { } deliveryMessage)
        {
            item["deliveryMessage"] = new() { S = deliveryMessage };
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
