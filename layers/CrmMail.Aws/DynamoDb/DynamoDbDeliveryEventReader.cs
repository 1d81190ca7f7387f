using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Reads the rows <see cref="DynamoDbDeliveryEventStore"/> (and Mailgun's store) write, by one
/// index: <c>byMessage</c> (messageId, at), <c>byRecipient</c> (recipientHash, at) or
/// <c>byDay</c> (day, at), newest first (<c>ScanIndexForward = false</c>), the time range in the
/// key condition and kind and recipient as filters. Never a scan.
/// </summary>
public sealed class DynamoDbDeliveryEventReader(IAmazonDynamoDB dynamoDb, string tableName) : IDeliveryEventReader
{
    /// <summary>The index and its partition attribute of each lookup.</summary>
    public static (string Index, string Attribute) IndexOf(EventIndex index) => index switch
    {
        EventIndex.Message => ("byMessage", "messageId"),
        EventIndex.Recipient => ("byRecipient", "recipientHash"),
        EventIndex.Day => ("byDay", "day"),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "No such index."),
    };

    /// <inheritdoc />
    public async Task<(IReadOnlyList<StoredDeliveryEvent> Rows, bool Truncated)> ReadAsync(EventLookup lookup, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        var (index, attribute) = IndexOf(lookup.Index);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":key"] = new() { S = lookup.Value },
            [":from"] = new() { S = Instant(lookup.From) },
            [":to"] = new() { S = Instant(lookup.To) },
        };
        var filters = new List<string>();
        if (lookup.Kind is { } kind)
        {
            values[":kind"] = new() { S = kind };
            filters.Add("kind = :kind");
        }

        if (lookup.RecipientHash is { } hash)
        {
            values[":recipient"] = new() { S = hash };
            filters.Add("recipientHash = :recipient");
        }

        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = index,
            KeyConditionExpression = "#key = :key AND #at BETWEEN :from AND :to",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#key"] = attribute, ["#at"] = "at" },
            ExpressionAttributeValues = values,
            FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters),
            ScanIndexForward = false,
            // One more than asked: finding it says the read was truncated.
            Limit = Math.Min(maxRows + 1, 1000),
        };
        var rows = new List<StoredDeliveryEvent>();
        try
        {
            do
            {
                var response = await dynamoDb.QueryAsync(request, cancellationToken).ConfigureAwait(false);
                rows.AddRange((response.Items ?? []).Select(Row).OfType<StoredDeliveryEvent>());
                request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (request.ExclusiveStartKey is not null && rows.Count <= maxRows);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("Query (events)", exception);
        }

        return rows.Count > maxRows ? (rows[..maxRows], true) : (rows, false);
    }

    private static StoredDeliveryEvent? Row(Dictionary<string, AttributeValue> item)
    {
        string? Text(string name) => item.GetValueOrDefault(name)?.S;
        if (Text("eventId") is not { } eventId
            || Text("at") is not { } atText
            || !DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return null;
        }

        var kind = Text("kind") ?? DeliveryEventKinds.Other;
        IReadOnlyDictionary<string, string> details = item.GetValueOrDefault("details")?.M is { Count: > 0 } map
            ? map.Where(d => d.Value.S is not null).ToDictionary(d => d.Key, d => d.Value.S, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var deliveryEvent = new DeliveryEvent(
            Text("provider") ?? string.Empty,
            eventId,
            kind,
            at,
            Text("messageId"),
            Text("recipientHash") ?? string.Empty,
            Text("campaign") ?? DeliveryEventKinds.NoCampaign,
            Text("stream"),
            details);
        return new StoredDeliveryEvent(deliveryEvent, Text("event") ?? kind);
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
