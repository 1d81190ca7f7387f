using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// The audit trail in DynamoDB (<see cref="Settings.Catalogue.AuditTable"/>): partition key <c>contact</c> (the
/// normalised address), sort key <c>sk</c> = ISO timestamp + event id, so a Query with
/// ScanIndexForward=false is the contact's history newest first. Idempotent per event id:
/// each row is written in one transaction with a marker item <c>event#ID</c> whose put is
/// conditional on its absence.
/// </summary>
public sealed class DynamoDbAuditLog(IAmazonDynamoDB dynamoDb, string tableName) : IAuditLog
{
    /// <inheritdoc />
    public async Task<bool> WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var context = entry.Context;
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["contact"] = new() { S = EmailAddress.Normalize(entry.Email) },
            ["sk"] = new() { S = entry.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "#" + context.EventId },
            ["action"] = new() { S = AuditNames.Of(entry.Action) },
            ["topics"] = new() { L = entry.Topics.Select(t => new AttributeValue { S = t }).ToList() },
            ["changed"] = new() { BOOL = entry.Changed },
            ["source"] = new() { S = AuditNames.Of(context.Source) },
            ["eventId"] = new() { S = context.EventId },
            ["timestamp"] = new() { N = entry.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
        };
        AddIfSet(item, "requestId", context.RequestId);
        AddIfSet(item, "method", context.Method);
        AddIfSet(item, "sourceIp", context.SourceIp);
        AddIfSet(item, "userAgent", context.UserAgent);
        AddIfSet(item, "actor", context.Actor);
        if (context.TokenAge is { } age)
        {
            item["tokenAgeSeconds"] = new() { N = ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
        }

        if (context.Detection is { Count: > 0 } detection)
        {
            item["detection"] = new() { M = detection.ToDictionary(d => d.Key, d => new AttributeValue { S = d.Value }, StringComparer.Ordinal) };
        }

        try
        {
            await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new TransactWriteItem
                    {
                        Put = new Put
                        {
                            TableName = tableName,
                            Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                            {
                                ["contact"] = new() { S = "event#" + context.EventId },
                                ["sk"] = new() { S = "event" },
                            },
                            ConditionExpression = "attribute_not_exists(contact)",
                        },
                    },
                    new TransactWriteItem { Put = new Put { TableName = tableName, Item = item } },
                ],
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException exception) when (exception.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string email, int limit, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "contact = :c",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":c"] = new() { S = EmailAddress.Normalize(email) } },
            ScanIndexForward = false,
            Limit = limit,
        }, cancellationToken).ConfigureAwait(false);
        return (response.Items ?? []).Select(ToEntry).ToList();
    }

    private static AuditEntry ToEntry(Dictionary<string, AttributeValue> item)
    {
        string? Get(string name) => item.TryGetValue(name, out var value) ? value.S : null;
        var context = new AuditContext
        {
            EventId = Get("eventId") ?? string.Empty,
            Source = AuditNames.ParseSource(Get("source") ?? "post"),
            RequestId = Get("requestId"),
            Method = Get("method"),
            SourceIp = Get("sourceIp"),
            UserAgent = Get("userAgent"),
            Actor = Get("actor"),
            TokenAge = item.TryGetValue("tokenAgeSeconds", out var age) ? TimeSpan.FromSeconds(long.Parse(age.N, CultureInfo.InvariantCulture)) : null,
            Detection = item.TryGetValue("detection", out var detection) ? detection.M?.ToDictionary(d => d.Key, d => d.Value.S, StringComparer.Ordinal) : null,
        };
        return new AuditEntry(
            Get("contact") ?? string.Empty,
            AuditNames.ParseAction(Get("action") ?? "update"),
            item.TryGetValue("topics", out var topics) ? (topics.L ?? []).Select(t => t.S).ToList() : [],
            item.TryGetValue("changed", out var changed) && changed.BOOL == true,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(item["timestamp"].N, CultureInfo.InvariantCulture)),
            context);
    }

    private static void AddIfSet(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            item[name] = new AttributeValue { S = value };
        }
    }
}
