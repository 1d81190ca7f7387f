using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Events;
using CrmMail.Inbound.Stats;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// Reads the counter rows <see cref="DynamoDbCampaignCounters"/> writes: a campaign's range is one
/// Query on its key (<c>sk BETWEEN day#from AND day#to</c>), a day's campaigns one Query on the
/// <see cref="DynamoDbCampaignCounters.ByDayIndex"/> index. The marker rows never match either
/// (their partition is <c>unique#…</c> and they carry no <c>day</c>). Never a scan.
/// </summary>
public sealed class DynamoDbCampaignStatsReader(IAmazonDynamoDB dynamoDb, string tableName) : ICampaignStatsReader
{
    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignDayCounts>> CampaignAsync(string campaign, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return QueryAsync(new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = "pk = :pk AND sk BETWEEN :from AND :to",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":pk"] = new() { S = DynamoDbCampaignCounters.CampaignKey(campaign) },
                [":from"] = new() { S = DynamoDbCampaignCounters.DayKey(Text(from)) },
                [":to"] = new() { S = DynamoDbCampaignCounters.DayKey(Text(to)) },
            },
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CampaignDayCounts>> DayAsync(DateOnly day, CancellationToken cancellationToken)
        => QueryAsync(new QueryRequest
        {
            TableName = tableName,
            IndexName = DynamoDbCampaignCounters.ByDayIndex,
            KeyConditionExpression = "#day = :day",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#day"] = "day" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":day"] = new() { S = Text(day) } },
        }, cancellationToken);

    private async Task<IReadOnlyList<CampaignDayCounts>> QueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        var rows = new List<CampaignDayCounts>();
        try
        {
            do
            {
                var response = await dynamoDb.QueryAsync(request, cancellationToken).ConfigureAwait(false);
                rows.AddRange((response.Items ?? []).Select(Row).OfType<CampaignDayCounts>());
                request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (request.ExclusiveStartKey is not null);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("Query (campaign counters)", exception);
        }

        return rows;
    }

    private static CampaignDayCounts? Row(Dictionary<string, AttributeValue> item)
    {
        if (item.GetValueOrDefault("campaign")?.S is not { } campaign
            || item.GetValueOrDefault("day")?.S is not { } dayText
            || !DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in CampaignCounters.All)
        {
            if (item.GetValueOrDefault(counter)?.N is { } number && long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                counts[counter] = value;
            }
        }

        return new CampaignDayCounts(campaign, day, counts);
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
