using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CrmMail.Aws.DynamoDb;
using CrmMail.Campaigns;
using Polly;
using Polly.Retry;

namespace CrmMail.Aws.Campaigns;

/// <summary>
/// The campaign table (partition key <c>pk</c>, sort key <c>sk</c>, TTL attribute
/// <c>expiresAt</c>): under <c>pk = c#{id}</c> the campaign item (<c>sk = campaign</c>), one
/// row per recipient (<c>sk = r#{index}</c>, zero-padded so rows sort by index) and the
/// batches parked while paused (<c>sk = p#{number}</c>). Every item expires
/// <paramref name="retention"/> after it was written. A recipient row is claimed with a
/// conditional put and gets its result in one transaction with the campaign's counts, so a
/// count never moves twice for one recipient.
/// </summary>
public sealed class DynamoDbCampaignStore(IAmazonDynamoDB dynamoDb, string tableName, TimeSpan retention, TimeProvider timeProvider) : ICampaignStore, ICampaignRecords
{
    /// <summary>The partition key attribute (a string, <c>c#{id}</c>): the table's key schema names it.</summary>
    public const string PartitionKey = "pk";

    /// <summary>The sort key attribute (a string: <c>campaign</c>, <c>r#{index}</c>, <c>p#{number}</c>): the table's key schema names it.</summary>
    public const string SortKey = "sk";

    /// <summary>The attribute every item carries with its expiry (epoch seconds): the table's time-to-live names it.</summary>
    public const string TtlAttribute = "expiresAt";

    /// <summary>How often a record cancelled by a conflicting transaction on the campaign item is tried.</summary>
    public const int ConflictAttempts = 8;

    /// <summary>The wait after the n-th conflict is n times this.</summary>
    public static readonly TimeSpan ConflictBackoff = TimeSpan.FromMilliseconds(15);

    private const string CampaignSk = "campaign";

    // Failed recipients are also counted per error code on the campaign item, one top-level
    // attribute each (ADD works on top-level attributes only), so the status shows failures by
    // reason without reading the rows.
    private const string FailurePrefix = "failed#";
    private const string Claimed = "claimed";

    // A recipients page reads at most this many rows a call and this many calls: about 2,000
    // rows (a few hundred KB) per request whatever the filter keeps.
    private const int RowsReadPerCall = 500;
    private const int QueryCallsPerPage = 4;

    // Every sender counts on the one campaign item, so concurrent transactions on it conflict as a
    // matter of course (the SDK does not retry a cancelled transaction). The record is conditional
    // on the row, so trying again is safe; giving up early would leave a sent message unrecorded.
    private readonly ResiliencePipeline _conflictRetry = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransactionCanceledException>(IsConflict),
            MaxRetryAttempts = ConflictAttempts - 1,
            Delay = ConflictBackoff,
            BackoffType = DelayBackoffType.Linear,
            UseJitter = false,
        })
        .Build();

    /// <inheritdoc />
    public async Task<bool> CreateAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PartitionKey] = new() { S = Pk(campaign.Id) },
            [SortKey] = new() { S = CampaignSk },
            ["state"] = new() { S = campaign.State.Name() },
            ["total"] = Number(campaign.Counts.Total),
            ["sent"] = Number(campaign.Counts.Sent),
            ["suppressed"] = Number(campaign.Counts.Suppressed),
            ["failed"] = Number(campaign.Counts.Failed),
            ["pending"] = Number(campaign.Counts.Pending),
            ["batches"] = Number(campaign.Batches),
            ["createdAt"] = DynamoDbTime.EpochSeconds(campaign.CreatedAt),
            ["createdBy"] = new() { S = campaign.CreatedBy },
            ["contentKey"] = new() { S = campaign.ContentKey },
            ["recipientsKey"] = new() { S = campaign.RecipientsKey },
            [TtlAttribute] = DynamoDbTime.EpochSeconds(campaign.CreatedAt + retention),
        };
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item, ConditionExpression = "attribute_not_exists(pk)" }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (campaign)", exception);
        }
    }

    /// <inheritdoc />
    public async Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        var item = await GetItemAsync(campaignId, CampaignSk, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        return new Campaign
        {
            Id = campaignId,
            State = CampaignStates.Parse(item["state"].S),
            Counts = new CampaignCounts(Long(item, "total"), Long(item, "sent"), Long(item, "suppressed"), Long(item, "failed"), Long(item, "pending")),
            CreatedAt = Instant(item, "createdAt")!.Value,
            StartedAt = Instant(item, "startedAt"),
            FinishedAt = Instant(item, "finishedAt"),
            CreatedBy = item["createdBy"].S,
            ContentKey = item["contentKey"].S,
            RecipientsKey = item["recipientsKey"].S,
            Batches = (int)Long(item, "batches"),
            FailuresByReason = Failures(item),
        };
    }

    /// <inheritdoc />
    public async Task<bool> TransitionAsync(string campaignId, IReadOnlyCollection<CampaignState> from, CampaignState to, DateTimeOffset at, int? batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":to"] = new() { S = to.Name() },
        };
        var allowed = new List<string>(from.Count);
        foreach (var state in from)
        {
            var name = ":from" + allowed.Count.ToString(CultureInfo.InvariantCulture);
            values[name] = new() { S = state.Name() };
            allowed.Add(name);
        }

        var update = "SET #state = :to";
        if (to == CampaignState.Sending)
        {
            update += ", startedAt = if_not_exists(startedAt, :at)";
        }

        if (to.IsFinal())
        {
            update += ", finishedAt = :at";
        }

        if (update.Contains(":at", StringComparison.Ordinal))
        {
            // DynamoDB refuses a value no expression uses.
            values[":at"] = DynamoDbTime.EpochSeconds(at);
        }

        if (batches is { } count)
        {
            update += ", batches = :batches";
            values[":batches"] = Number(count);
        }

        return await UpdateCampaignAsync(campaignId, update, $"#state IN ({string.Join(", ", allowed)})", values, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> TryCompleteAsync(string campaignId, DateTimeOffset now, CancellationToken cancellationToken)
        => await UpdateCampaignAsync(
            campaignId,
            "SET #state = :completed, finishedAt = :at, startedAt = if_not_exists(startedAt, :at)",
            // Queued too: the last batch can finish before the planner marks the campaign sending.
            "#state IN (:queued, :sending) AND pending = :zero",
            new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
            {
                [":completed"] = new() { S = CampaignState.Completed.Name() },
                [":queued"] = new() { S = CampaignState.Queued.Name() },
                [":sending"] = new() { S = CampaignState.Sending.Name() },
                [":zero"] = Number(0),
                [":at"] = DynamoDbTime.EpochSeconds(now),
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<ClaimResult> ClaimAsync(string campaignId, int index, string attempt, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [PartitionKey] = new() { S = Pk(campaignId) },
                    [SortKey] = new() { S = RecipientSk(index) },
                    ["state"] = new() { S = Claimed },
                    ["attempt"] = new() { S = attempt },
                    ["claimedAt"] = DynamoDbTime.EpochSeconds(now),
                    [TtlAttribute] = DynamoDbTime.EpochSeconds(now + retention),
                },
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken).ConfigureAwait(false);
            return ClaimResult.Claimed;
        }
        catch (ConditionalCheckFailedException)
        {
            // The row exists: read what it holds.
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (campaign claim)", exception);
        }

        var row = await GetItemAsync(campaignId, RecipientSk(index), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            // Released between our put and this read (the other delivery was throttled): the
            // recipient is unsent and must not be dropped; come back with the redelivery.
            return ClaimResult.InFlight;
        }

        if (row.GetValueOrDefault("state")?.S != Claimed)
        {
            // A result is recorded: never send again.
            return ClaimResult.Done;
        }

        return Instant(row, "claimedAt") is { } claimedAt && claimedAt + claimTimeout > now ? ClaimResult.InFlight : ClaimResult.Orphaned;
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(string campaignId, CampaignRecipient recipient, RecipientRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(record);
        var (status, counter) = record.Status switch
        {
            RecipientStatus.Sent => ("sent", "sent"),
            RecipientStatus.Suppressed => ("suppressed", "suppressed"),
            RecipientStatus.Failed => ("failed", "failed"),
            _ => throw new ArgumentOutOfRangeException(nameof(record), record.Status, "Only a result is recorded."),
        };
        var values = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [":status"] = new() { S = status },
            [":claimed"] = new() { S = Claimed },
            [":email"] = new() { S = recipient.Email },
            [":at"] = DynamoDbTime.EpochSeconds(now),
            [":expires"] = DynamoDbTime.EpochSeconds(now + retention),
        };
        var update = "SET #state = :status, email = :email, recordedAt = :at, " + TtlAttribute + " = :expires";
        if (record.MessageId is { } messageId)
        {
            update += ", messageId = :messageId";
            values[":messageId"] = new() { S = messageId };
        }

        if (record.ErrorCode is { } errorCode)
        {
            update += ", errorCode = :errorCode";
            values[":errorCode"] = new() { S = errorCode };
        }

        var request = new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = tableName,
                        Key = Key(campaignId, RecipientSk(recipient.Index)),
                        UpdateExpression = update,
                        ConditionExpression = "attribute_not_exists(pk) OR #state = :claimed",
                        ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#state"] = "state" },
                        ExpressionAttributeValues = values,
                    },
                },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = tableName,
                        Key = Key(campaignId, CampaignSk),
                        UpdateExpression = record.Status == RecipientStatus.Failed ? "ADD #counter :one, pending :minusOne, #reason :one" : "ADD #counter :one, pending :minusOne",
                        ConditionExpression = "attribute_exists(pk)",
                        ExpressionAttributeNames = record.Status == RecipientStatus.Failed
                            ? new Dictionary<string, string>(StringComparer.Ordinal) { ["#counter"] = counter, ["#reason"] = FailurePrefix + (record.ErrorCode ?? "unknown") }
                            : new Dictionary<string, string>(StringComparer.Ordinal) { ["#counter"] = counter },
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                        {
                            [":one"] = Number(1),
                            [":minusOne"] = Number(-1),
                        },
                    },
                },
            ],
        };
        try
        {
            await _conflictRetry.ExecuteAsync(
                async token => await dynamoDb.TransactWriteItemsAsync(request, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException canceled) when (IsConditionFailure(canceled))
        {
            // Recorded already (a redelivery), or the campaign is gone: nothing counted twice.
            return false;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken) || exception is TransactionCanceledException or TransactionConflictException)
        {
            throw DynamoDbErrors.Unavailable("TransactWriteItems (campaign record)", exception);
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string campaignId, int index, string attempt, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = Key(campaignId, RecipientSk(index)),
                ConditionExpression = "#state = :claimed AND attempt = :attempt",
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#state"] = "state" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [":claimed"] = new() { S = Claimed },
                    [":attempt"] = new() { S = attempt },
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Not our claim (or already gone): leave it.
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("DeleteItem (campaign claim)", exception);
        }
    }

    /// <inheritdoc />
    public async Task ParkAsync(CampaignBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                {
                    [PartitionKey] = new() { S = Pk(batch.CampaignId) },
                    [SortKey] = new() { S = ParkedSk(batch.Number) },
                    ["batch"] = new() { S = JsonSerializer.Serialize(batch, CampaignJsonContext.Default.CampaignBatch) },
                    [TtlAttribute] = DynamoDbTime.EpochSeconds(now + retention),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("PutItem (parked batch)", exception);
        }
    }

    /// <inheritdoc />
    public async Task<RecipientPage> ListRecipientsAsync(string campaignId, RecipientStatus status, int? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var name = status switch
        {
            RecipientStatus.Sent => "sent",
            RecipientStatus.Suppressed => "suppressed",
            RecipientStatus.Failed => "failed",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only results are listed."),
        };
        var rows = new List<RecipientRow>(limit);
        // A Query on the campaign's own partition from the row after `after`, filtered by
        // result: it reads the rows in between (never a Scan, never another campaign), and a
        // page stops after QueryCallsPerPage calls so one request stays within its budget.
        Dictionary<string, AttributeValue>? start = after is { } index ? Key(campaignId, RecipientSk(index)) : null;
        for (var call = 0; call < QueryCallsPerPage; call++)
        {
            QueryResponse response;
            try
            {
                response = await dynamoDb.QueryAsync(new QueryRequest
                {
                    TableName = tableName,
                    KeyConditionExpression = "pk = :pk AND begins_with(sk, :rows)",
                    FilterExpression = "#state = :status",
                    ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#state"] = "state" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                    {
                        [":pk"] = new() { S = Pk(campaignId) },
                        [":rows"] = new() { S = "r#" },
                        [":status"] = new() { S = name },
                    },
                    ExclusiveStartKey = start,
                    Limit = RowsReadPerCall,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
            {
                throw DynamoDbErrors.Unavailable("Query (campaign recipients)", exception);
            }

            foreach (var item in response.Items ?? [])
            {
                rows.Add(new RecipientRow(
                    RowIndex(item["sk"].S),
                    item.GetValueOrDefault("email")?.S ?? string.Empty,
                    status,
                    item.GetValueOrDefault("messageId")?.S,
                    item.GetValueOrDefault("errorCode")?.S,
                    Instant(item, "recordedAt")));
                if (rows.Count == limit)
                {
                    // Full: the next page starts after this row (it may turn out empty).
                    return new RecipientPage(rows, rows[^1].Index);
                }
            }

            if (response.LastEvaluatedKey is not { Count: > 0 } last)
            {
                return new RecipientPage(rows, null);
            }

            start = last;
        }

        return new RecipientPage(rows, RowIndex(start!["sk"].S));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CampaignBatch>> ListParkedAsync(string campaignId, CancellationToken cancellationToken)
    {
        var batches = new List<CampaignBatch>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse response;
            try
            {
                response = await dynamoDb.QueryAsync(new QueryRequest
                {
                    TableName = tableName,
                    KeyConditionExpression = "pk = :pk AND begins_with(sk, :parked)",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
                    {
                        [":pk"] = new() { S = Pk(campaignId) },
                        [":parked"] = new() { S = "p#" },
                    },
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
            {
                throw DynamoDbErrors.Unavailable("Query (parked batches)", exception);
            }

            foreach (var item in response.Items ?? [])
            {
                batches.Add(JsonSerializer.Deserialize(item["batch"].S, CampaignJsonContext.Default.CampaignBatch)
                    ?? throw new FormatException("A parked batch is empty."));
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return batches;
    }

    /// <inheritdoc />
    public async Task DeleteParkedAsync(string campaignId, int number, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(campaignId, ParkedSk(number)) }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("DeleteItem (parked batch)", exception);
        }
    }

    private static IReadOnlyDictionary<string, long> Failures(Dictionary<string, AttributeValue> item)
    {
        Dictionary<string, long>? failures = null;
        foreach (var (name, value) in item)
        {
            if (name.StartsWith(FailurePrefix, StringComparison.Ordinal) && value.N is { } n)
            {
                failures ??= new Dictionary<string, long>(StringComparer.Ordinal);
                failures[name[FailurePrefix.Length..]] = long.Parse(n, CultureInfo.InvariantCulture);
            }
        }

        return failures ?? Campaign.NoFailures;
    }

    private static int RowIndex(string sk) => int.Parse(sk.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture);

    private static string ParkedSk(int number) => "p#" + number.ToString("D9", CultureInfo.InvariantCulture);

    private static bool IsConflict(TransactionCanceledException canceled)
        => canceled.CancellationReasons is { Count: > 0 } reasons && reasons.Exists(reason => reason.Code == "TransactionConflict");

    private static bool IsConditionFailure(TransactionCanceledException canceled)
        => canceled.CancellationReasons is { Count: > 0 } reasons
            ? reasons.Exists(reason => reason.Code == "ConditionalCheckFailed")
            : canceled.Message.Contains("ConditionalCheckFailed", StringComparison.Ordinal);

    private async Task<bool> UpdateCampaignAsync(string campaignId, string update, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(campaignId, CampaignSk),
                UpdateExpression = update,
                ConditionExpression = "attribute_exists(pk) AND " + condition,
                ExpressionAttributeNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["#state"] = "state" },
                ExpressionAttributeValues = values,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("UpdateItem (campaign)", exception);
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string campaignId, string sk, CancellationToken cancellationToken)
    {
        try
        {
            var item = (await dynamoDb.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(campaignId, sk), ConsistentRead = true }, cancellationToken).ConfigureAwait(false)).Item;
            return item is null || item.Count == 0 ? null : item;
        }
        catch (Exception exception) when (DynamoDbErrors.IsTransient(exception, cancellationToken))
        {
            throw DynamoDbErrors.Unavailable("GetItem (campaign)", exception);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string campaignId, string sk) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new() { S = Pk(campaignId) },
        [SortKey] = new() { S = sk },
    };

    private static string Pk(string campaignId) => "c#" + campaignId;

    private static string RecipientSk(int index) => "r#" + index.ToString("D9", CultureInfo.InvariantCulture);

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static long Long(Dictionary<string, AttributeValue> item, string name)
        => item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;

    private static DateTimeOffset? Instant(Dictionary<string, AttributeValue> item, string name)
        => item.TryGetValue(name, out var value) && value.N is { } n ? DateTimeOffset.FromUnixTimeSeconds(long.Parse(n, CultureInfo.InvariantCulture)) : null;
}
