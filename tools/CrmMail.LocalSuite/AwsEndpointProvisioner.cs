using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.S3;
using Amazon.S3.Model;
using CrmMail.Aws.Composition;
using CrmMail.Aws.DynamoDb;
using CrmMail.Aws.Http;
using CrmMail.Aws.SesV2;
using CrmMail.Subscriptions;

namespace CrmMail.LocalSuite;

/// <summary>
/// <c>serve --aws-endpoint URL --provision</c>: creates at an emulator (moto, LocalStack) what the
/// stack would have created, with the stack's shapes: the KMS key and alias, the four tables
/// (audit with contact/sk, the others with their TTL key, rate limits included), the contact list with its two topics,
/// the sending identities and the reports bucket holding the local sample reports. Whatever
/// exists is left alone, so it is safe to run on every start.
/// </summary>
internal static class AwsEndpointProvisioner
{
    public static async Task ProvisionAsync(Uri endpoint, string region, AwsNames names, LocalDataDirectory data, HttpClient http, TimeProvider time, TextWriter log, CancellationToken cancellationToken)
    {
        using var kms = AwsClients.Kms(region, endpoint);
        try
        {
            await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = names.KmsKeyId }, cancellationToken).ConfigureAwait(false);
        }
        catch (Amazon.KeyManagementService.Model.NotFoundException)
        {
            var key = await kms.CreateKeyAsync(new CreateKeyRequest { Description = "crm-mail local unsubscribe key" }, cancellationToken).ConfigureAwait(false);
            await kms.CreateAliasAsync(new CreateAliasRequest { AliasName = names.KmsKeyId, TargetKeyId = key.KeyMetadata.KeyId }, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"provisioned KMS key {names.KmsKeyId}").ConfigureAwait(false);
        }

        using var dynamo = AwsClients.DynamoDb(region, endpoint);
        await TableAsync(dynamo, names.AuditTable, "contact", "sk", log, cancellationToken).ConfigureAwait(false);
        await TableAsync(dynamo, names.TokenKeysTable, "keyId", null, log, cancellationToken).ConfigureAwait(false);
        await TableAsync(dynamo, names.IdempotencyTable, "pk", null, log, cancellationToken).ConfigureAwait(false);
        // With the stack's indexes: the stats routes read only through them.
        await TableAsync(dynamo, names.EventsTable, "eventId", null, log, cancellationToken, ("byMessage", "messageId", "at"), ("byRecipient", "recipientHash", "at"), ("byDay", "day", "at")).ConfigureAwait(false);
        await TableAsync(dynamo, names.ContactLeaseTable, "pk", null, log, cancellationToken).ConfigureAwait(false);
        await TableAsync(dynamo, names.RateLimitTable, "pk", null, log, cancellationToken).ConfigureAwait(false);
        await TableAsync(dynamo, names.StatsTable, "pk", "sk", log, cancellationToken, (DynamoDbCampaignCounters.ByDayIndex, "day", "campaign")).ConfigureAwait(false);
        await TableAsync(dynamo, names.SpaceMembersTable, CrmMail.Aws.Gallery.DynamoDbSpaceMembership.UidAttribute, CrmMail.Aws.Gallery.DynamoDbSpaceMembership.SpaceAttribute, log, cancellationToken).ConfigureAwait(false);

        var ses = new SesV2Client(http, new SesV2ClientOptions(region, endpoint), new DefaultAwsCredentialsSource(), time);
        var list = await ses.CreateContactListAsync(
            new SesCreateContactListRequest(names.ContactList, [new(Topics.Financial, "Financial reports", "OPT_IN"), new(Topics.Outreach, "Newsletters", "OPT_IN")]),
            cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess && list.Error!.Code != SesErrorCode.AlreadyExists)
        {
            throw new InvalidOperationException($"CreateContactList failed: {list.Error.Code} {list.Error.Message}");
        }

        foreach (var identity in names.SendingIdentities)
        {
            var created = await ses.CreateEmailIdentityAsync(identity, cancellationToken).ConfigureAwait(false);
            if (!created.IsSuccess && created.Error!.Code != SesErrorCode.AlreadyExists)
            {
                throw new InvalidOperationException($"CreateEmailIdentity {identity} failed: {created.Error.Code} {created.Error.Message}");
            }
        }

        using var s3 = AwsClients.S3(region, endpoint);
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = names.ReportsBucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Exists: keep it.
        }

        foreach (var file in Directory.EnumerateFiles(data.Reports, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(data.Reports, file).Replace(Path.DirectorySeparatorChar, '/');
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = names.ReportsBucket, Key = key, FilePath = file, ContentType = "application/pdf" }, cancellationToken).ConfigureAwait(false);
        }

        await log.WriteLineAsync($"provisioned {endpoint}: contact list {names.ContactList}, tables, bucket {names.ReportsBucket}").ConfigureAwait(false);
    }

    /// <summary>
    /// The campaign engine's resources as the stack makes them: the table (pk/sk, TTL on
    /// expiresAt), the private bucket, the dead-letter queue and the queue whose redrive policy
    /// moves a message there after <paramref name="maxReceiveCount"/> receives. Returns the queue's URL.
    /// </summary>
    public static async Task<string> ProvisionCampaignsAsync(Uri endpoint, string region, string table, string bucket, string queue, string deadLetterQueue, int maxReceiveCount, TimeSpan visibilityTimeout, TextWriter log, CancellationToken cancellationToken)
    {
        using (var dynamo = AwsClients.DynamoDb(region, endpoint))
        {
            await TableAsync(dynamo, table, "pk", "sk", log, cancellationToken).ConfigureAwait(false);
            await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest { TableName = table, TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "expiresAt", Enabled = true } }, cancellationToken).ConfigureAwait(false);
        }

        using (var s3 = AwsClients.S3(region, endpoint))
        {
            try
            {
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Exists: keep it.
            }
        }

        using var sqs = AwsClients.Sqs(region, endpoint);
        // CreateQueue with the same attributes is idempotent.
        var dlqUrl = (await sqs.CreateQueueAsync(new Amazon.SQS.Model.CreateQueueRequest { QueueName = deadLetterQueue }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        var dlqArn = (await sqs.GetQueueAttributesAsync(new Amazon.SQS.Model.GetQueueAttributesRequest { QueueUrl = dlqUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false)).Attributes["QueueArn"];
        var queueUrl = (await sqs.CreateQueueAsync(new Amazon.SQS.Model.CreateQueueRequest
        {
            QueueName = queue,
            Attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["VisibilityTimeout"] = ((int)visibilityTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"}",
            },
        }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        await log.WriteLineAsync($"provisioned campaigns: table {table}, bucket {bucket}, queue {queue} (dead letters {deadLetterQueue} after {maxReceiveCount} receives)").ConfigureAwait(false);
        return queueUrl;
    }

    private static async Task TableAsync(AmazonDynamoDBClient dynamo, string name, string partitionKey, string? sortKey, TextWriter log, CancellationToken cancellationToken, params (string Name, string Partition, string Sort)[] indexes)
    {
        try
        {
            await dynamo.DescribeTableAsync(name, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ResourceNotFoundException)
        {
            // Create it below.
        }

        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition(partitionKey, ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement(partitionKey, KeyType.HASH)],
        };
        if (sortKey is not null)
        {
            request.AttributeDefinitions.Add(new AttributeDefinition(sortKey, ScalarAttributeType.S));
            request.KeySchema.Add(new KeySchemaElement(sortKey, KeyType.RANGE));
        }

        foreach (var (index, partition, sort) in indexes)
        {
            foreach (var attribute in new[] { partition, sort }.Where(a => request.AttributeDefinitions.All(d => d.AttributeName != a)))
            {
                request.AttributeDefinitions.Add(new AttributeDefinition(attribute, ScalarAttributeType.S));
            }

            (request.GlobalSecondaryIndexes ??= []).Add(new GlobalSecondaryIndex
            {
                IndexName = index,
                KeySchema = [new KeySchemaElement(partition, KeyType.HASH), new KeySchemaElement(sort, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            });
        }

        await dynamo.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
        await log.WriteLineAsync($"provisioned table {name}").ConfigureAwait(false);
    }
}
