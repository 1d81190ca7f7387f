using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Inbound.Events;

namespace CrmMail.Aws.DynamoDb;

/// <summary>
/// The campaign counters in <see cref="Settings.Catalogue.CampaignStatsTable"/> (partition key
/// <c>pk</c>, sort key <c>sk</c>, TTL <c>expiresAt</c>), so statistics are key lookups and never scan:
/// <list type="bullet">
/// <item>a counter row per campaign and day: <c>pk = campaign#&lt;campaign&gt;</c>, <c>sk = day#&lt;yyyy-MM-dd&gt;</c>,
/// attributes <c>campaign</c>, <c>day</c> and one number per <see cref="CampaignCounters"/> name, raised with
/// atomic <c>ADD</c>; a campaign's range is one Query (<c>sk BETWEEN</c>), a day's campaigns one Query on
/// the <see cref="ByDayIndex"/> index (<c>day</c>, <c>campaign</c>); kept (no TTL);</item>
/// <item>a marker per campaign, kind and recipient hash for opens and clicks:
/// <c>pk = unique#&lt;campaign&gt;#&lt;kind&gt;#&lt;recipient hash&gt;</c>, <c>sk = marker</c>, written under a
/// not-exists condition in the same transaction as the unique counter's ADD, so each recipient
/// counts once; it expires after <see cref="MarkerRetention"/>.</item>
/// </list>
/// </summary>
public sealed class DynamoDbCampaignCounters(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider) : ICampaignCounters
{
    /// <summary>The index that lists a day's campaigns (partition <c>day</c>, sort <c>campaign</c>).</summary>
    public const string ByDayIndex = "byDay";

    /// <summary>How long a unique-open or unique-click marker is kept: longer than any campaign is read.</summary>
    public static readonly TimeSpan MarkerRetention = TimeSpan.FromDays(400);

    /// <summary>The counter row's partition key of <paramref name="campaign"/>.</summary>
    public static string CampaignKey(string campaign) => "campaign#" + campaign;

    /// <summary>The counter row's sort key of <paramref name="day"/> (<c>yyyy-MM-dd</c>).</summary>
    public static string DayKey(string day) => "day#" + day;

    /// <inheritdoc />
    public async Task CountAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveryEvent);
        if (CampaignCounters.Total(deliveryEvent.Kind) is { } counter)
        {
            var update = Increment(deliveryEvent, counter);
            try
            {
                await dynamoDb.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = update.TableName,
                    Key = update.Key,
                    UpdateExpression = update.UpdateExpression,
                    ExpressionAttributeNames = update.ExpressionAttributeNames,
                    ExpressionAttributeValues = update.ExpressionAttributeValues,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
            {
                throw DynamoDbErrors.Unavailable("UpdateItem (campaign counter)", exception);
            }
        }

        await CountUniqueAsync(deliveryEvent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ADD of one to <paramref name="counter"/> on the event's campaign and day, for a transaction.</summary>
    internal Update Increment(DeliveryEvent deliveryEvent, string counter)
    {
        var day = CampaignCounters.Day(deliveryEvent.At);
        return new Update
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                ["pk"] = new() { S = CampaignKey(deliveryEvent.Campaign) },
                ["sk"] = new() { S = DayKey(day) },
            },
            UpdateExpression = "ADD #counter :one SET campaign = :campaign, #day = :day, updatedAt = :now",
            ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#counter"] = counter, ["#day"] = "day" },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":one"] = new() { N = "1" },
                [":campaign"] = new() { S = deliveryEvent.Campaign },
                [":day"] = new() { S = day },
                [":now"] = DynamoDbTime.EpochSeconds(timeProvider.GetUtcNow()),
            },
        };
    }

    /// <summary>The first open or click of a recipient in a campaign adds one to the unique counter; later ones add nothing.</summary>
    internal async Task CountUniqueAsync(DeliveryEvent deliveryEvent, CancellationToken cancellationToken)
    {
        if (CampaignCounters.Unique(deliveryEvent.Kind) is not { } counter || deliveryEvent.RecipientHash.Length == 0)
        {
            return;
        }

        var marker = new Put
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                ["pk"] = new() { S = string.Join('#', "unique", deliveryEvent.Campaign, deliveryEvent.Kind, deliveryEvent.RecipientHash) },
                ["sk"] = new() { S = "marker" },
                ["firstAt"] = new() { N = deliveryEvent.At.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                ["expiresAt"] = DynamoDbTime.EpochSeconds(timeProvider.GetUtcNow() + MarkerRetention),
            },
            ConditionExpression = "attribute_not_exists(pk)",
        };
        try
        {
            await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems = [new TransactWriteItem { Put = marker }, new TransactWriteItem { Update = Increment(deliveryEvent, counter) }],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException exception) when (exception.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
        {
            // This recipient opened (or clicked) this campaign before: counted then.
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken) || exception is TransactionCanceledException)
        {
            throw DynamoDbErrors.Unavailable("TransactWriteItems (unique counter)", exception);
        }
    }
}
