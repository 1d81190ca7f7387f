using System.Globalization;
using System.Text.Json;
using CrmMail.Aws.Campaigns;
using CrmMail.Infra.Constructs;
using CrmMail.Infra.Functions;
using CrmMail.Routes;

namespace CrmMail.Infra.Tests;

/// <summary>The campaign engine in the synthesized stack: table, private bucket, queues, both functions' mappings, settings and alarms.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class CampaignEngineStackTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    private JsonElement Properties(string id) => _template.Root.GetProperty("Resources").GetProperty(id).GetProperty("Properties");

    private string Bound(string function, string variable) => TemplateJson.References(_template.Environment(function)[variable]).Single();

    private string QueueId(string prefix) => _template.OfType("AWS::SQS::Queue").Single(q => q.Id.StartsWith(prefix, StringComparison.Ordinal)).Id;

    private JsonElement Mapping(string function)
    {
        var functionId = _template.Function(function).Id;
        return _template.OfType("AWS::Lambda::EventSourceMapping")
            .Single(m => TemplateJson.References(m.Resource.GetProperty("Properties").GetProperty("FunctionName")).Contains(functionId)).Resource.GetProperty("Properties");
    }

    private int Timeout(string function) => _template.Function(function).Resource.GetProperty("Properties").GetProperty("Timeout").GetInt32();

    // Rule: the campaign table has the store's key schema (pk, sk strings) and the TTL attribute the
    // store writes (DynamoDbCampaignStore.TtlAttribute, by reference), on-demand, KMS-encrypted,
    // point-in-time recoverable, deletion-protected and retained; both functions are pointed at it.
    [Fact]
    public void Table_TheStoresKeysAndTtlAttribute()
    {
        var id = Bound(FunctionNames.CampaignSender, "CAMPAIGNS_TABLE");
        var table = Properties(id);

        Assert.Equal(id, Bound(FunctionNames.CampaignPlanner, "CAMPAIGNS_TABLE"));
        Assert.Equal(
            [(DynamoDbCampaignStore.PartitionKey, "HASH"), (DynamoDbCampaignStore.SortKey, "RANGE")],
            table.GetProperty("KeySchema").EnumerateArray().Select(k => (k.GetProperty("AttributeName").GetString(), k.GetProperty("KeyType").GetString())));
        Assert.All(table.GetProperty("AttributeDefinitions").EnumerateArray(), a => Assert.Equal("S", a.GetProperty("AttributeType").GetString()));
        Assert.Equal(DynamoDbCampaignStore.TtlAttribute, table.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(table.GetProperty("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean());
        Assert.Equal("PAY_PER_REQUEST", table.GetProperty("BillingMode").GetString());
        // SSEEnabled: DynamoDB's AWS-managed KMS key (aws/dynamodb), as the gallery's table.
        Assert.True(table.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
        Assert.True(table.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.True(table.GetProperty("DeletionProtectionEnabled").GetBoolean());
        Assert.Equal("Retain", _template.Root.GetProperty("Resources").GetProperty(id).GetProperty("DeletionPolicy").GetString());
    }

    // Rule: recipient lists sit in a private bucket of their own: not the reports bucket, every public
    // access blocked, TLS-only, encrypted, objects expiring with the campaign's retention, and no
    // CloudFront distribution has it as an origin.
    [Fact]
    public void Bucket_PrivateOwnAndNeverBehindCloudFront()
    {
        var id = Bound(FunctionNames.CampaignPlanner, "CAMPAIGN_BUCKET");
        var bucket = Properties(id);

        Assert.Equal(id, Bound(FunctionNames.CampaignSender, "CAMPAIGN_BUCKET"));
        Assert.NotEqual(id, Bound(FunctionNames.SendMail, "REPORTS_BUCKET"));
        Assert.All(bucket.GetProperty("PublicAccessBlockConfiguration").EnumerateObject(), p => Assert.True(p.Value.GetBoolean(), p.Name));
        Assert.Equal("BucketOwnerEnforced", bucket.GetProperty("OwnershipControls").GetProperty("Rules")[0].GetProperty("ObjectOwnership").GetString());
        Assert.Equal("AES256", bucket.GetProperty("BucketEncryption").GetProperty("ServerSideEncryptionConfiguration")[0].GetProperty("ServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString());
        Assert.Contains(bucket.GetProperty("LifecycleConfiguration").GetProperty("Rules").EnumerateArray(), r => r.TryGetProperty("ExpirationInDays", out var days) && days.GetInt32() == int.Parse(fixture.Settings.FunctionContext["CAMPAIGN_RETENTION_DAYS"], CultureInfo.InvariantCulture));
        var policy = _template.OfType("AWS::S3::BucketPolicy").Single(p => TemplateJson.References(p.Resource.GetProperty("Properties").GetProperty("Bucket")).Contains(id)).Resource.GetProperty("Properties").GetProperty("PolicyDocument");
        Assert.Contains(policy.GetProperty("Statement").EnumerateArray(), DeniesWithoutTls);
        Assert.DoesNotContain(policy.GetRawText(), "cloudfront", StringComparison.OrdinalIgnoreCase);
        Assert.All(_template.OfType("AWS::CloudFront::Distribution"), d => Assert.DoesNotContain(id, TemplateJson.References(d.Resource)));
    }

    // Rule: the campaign and plan queues are SSE-encrypted, move a message to their own dead-letter
    // queue after the documented receives, keep it shorter than the dead-letter queue does, and
    // have a visibility timeout of at least six times their consumer's function timeout.
    [Theory]
    [InlineData("CampaignsCampaignQueue", "CampaignsCampaignDeadLetters", FunctionNames.CampaignSender, CampaignEngine.CampaignMaxReceiveCount)]
    [InlineData("CampaignsPlanQueue", "CampaignsPlanDeadLetters", FunctionNames.CampaignPlanner, CampaignEngine.PlanMaxReceiveCount)]
    public void Queue_RedriveEncryptionAndVisibility(string queuePrefix, string deadLettersPrefix, string consumer, int maxReceiveCount)
    {
        var queue = Properties(QueueId(queuePrefix));
        var deadLetters = Properties(QueueId(deadLettersPrefix));

        var redrive = queue.GetProperty("RedrivePolicy");
        Assert.Equal([QueueId(deadLettersPrefix)], TemplateJson.References(redrive.GetProperty("deadLetterTargetArn")));
        Assert.Equal(maxReceiveCount, redrive.GetProperty("maxReceiveCount").GetInt32());
        Assert.True(queue.GetProperty("VisibilityTimeout").GetInt32() >= 6 * Timeout(consumer), $"{queuePrefix}: visibility {queue.GetProperty("VisibilityTimeout")} < 6 × {Timeout(consumer)}");
        Assert.True(queue.GetProperty("MessageRetentionPeriod").GetInt32() < deadLetters.GetProperty("MessageRetentionPeriod").GetInt32());
        Assert.True(queue.GetProperty("SqsManagedSseEnabled").GetBoolean());
        Assert.True(deadLetters.GetProperty("SqsManagedSseEnabled").GetBoolean());
        Assert.Equal([QueueId(queuePrefix)], TemplateJson.References(Mapping(consumer).GetProperty("EventSourceArn")));
    }

    // Rule: every campaign engine queue (both sources, both dead-letter queues) has a policy denying any request without TLS.
    [Theory]
    [InlineData("CampaignsCampaignQueue")]
    [InlineData("CampaignsCampaignDeadLetters")]
    [InlineData("CampaignsPlanQueue")]
    [InlineData("CampaignsPlanDeadLetters")]
    public void Queue_PolicyDeniesRequestsWithoutTls(string queuePrefix)
    {
        var id = QueueId(queuePrefix);
        var policy = _template.OfType("AWS::SQS::QueuePolicy").Single(p => TemplateJson.References(p.Resource.GetProperty("Properties").GetProperty("Queues")).Contains(id)).Resource.GetProperty("Properties").GetProperty("PolicyDocument");

        Assert.Contains(policy.GetProperty("Statement").EnumerateArray(), DeniesWithoutTls);
    }

    // Rule: both mappings answer partial batch responses (ReportBatchItemFailures); the sender's maximum
    // concurrency is the CAMPAIGN_SENDER_MAX_CONCURRENCY it divides SES's rate by (default 2), the planner's the floor (2).
    [Fact]
    public void Mappings_PartialBatchResponsesAndMaximumConcurrency()
    {
        var sender = Mapping(FunctionNames.CampaignSender);
        var planner = Mapping(FunctionNames.CampaignPlanner);

        Assert.Equal(["ReportBatchItemFailures"], TemplateJson.Strings(sender.GetProperty("FunctionResponseTypes")));
        Assert.Equal(["ReportBatchItemFailures"], TemplateJson.Strings(planner.GetProperty("FunctionResponseTypes")));
        Assert.Equal(2, sender.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32());
        Assert.Equal("2", _template.Environment(FunctionNames.CampaignSender)["CAMPAIGN_SENDER_MAX_CONCURRENCY"].GetString());
        Assert.Equal(CampaignSenderFunction.BatchSize, sender.GetProperty("BatchSize").GetInt32());
        Assert.Equal(CampaignPlannerFunction.MaxConcurrency, planner.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32());
        Assert.Equal(CampaignPlannerFunction.BatchSize, planner.GetProperty("BatchSize").GetInt32());
    }

    // Rule: the context campaignSenderMaxConcurrency sets the mapping's maximum concurrency and the
    // sender's variable to the same value, so the instances times the per-instance rate stay under SES's rate.
    [Fact]
    public void Mappings_SenderConcurrencyContext_SetsMappingAndVariableAlike()
    {
        var template = TemplateJson.Load(StackFixture.Synthesize(new Dictionary<string, object> { ["campaignSenderMaxConcurrency"] = "7" }, "CrmMailCampaignConcurrency").TemplatePath);
        var functionId = template.Function(FunctionNames.CampaignSender).Id;
        var mapping = template.OfType("AWS::Lambda::EventSourceMapping").Single(m => TemplateJson.References(m.Resource.GetProperty("Properties").GetProperty("FunctionName")).Contains(functionId)).Resource.GetProperty("Properties");

        Assert.Equal(7, mapping.GetProperty("ScalingConfig").GetProperty("MaximumConcurrency").GetInt32());
        Assert.Equal("7", template.Environment(FunctionNames.CampaignSender)["CAMPAIGN_SENDER_MAX_CONCURRENCY"].GetString());
    }

    // Rule: the sender's claim timeout is its function timeout: a claim older than it belongs to an invocation that has ended.
    [Fact]
    public void Sender_ClaimTimeoutEqualsFunctionTimeout()
        => Assert.Equal(
            Timeout(FunctionNames.CampaignSender).ToString(CultureInfo.InvariantCulture),
            _template.Environment(FunctionNames.CampaignSender)["CAMPAIGN_CLAIM_TIMEOUT_SECONDS"].GetString());

    // Rule: the planner fills the campaign queue (never its own plan queue); the sender is told of no queue to send to.
    [Fact]
    public void Environment_PlannerFillsTheCampaignQueue()
    {
        Assert.Equal(QueueId("CampaignsCampaignQueue"), Bound(FunctionNames.CampaignPlanner, "CAMPAIGN_QUEUE_URL"));
        Assert.False(_template.Environment(FunctionNames.CampaignSender).ContainsKey("CAMPAIGN_QUEUE_URL"));
    }

    // Rule: each dead-letter queue alarms at its first message, and the campaign queue's oldest message
    // alarms past the documented age; all go to the alarm topic.
    [Theory]
    [InlineData("CampaignsCampaignDeadLetters", "ApproximateNumberOfMessagesVisible", 1, "GreaterThanOrEqualToThreshold")]
    [InlineData("CampaignsPlanDeadLetters", "ApproximateNumberOfMessagesVisible", 1, "GreaterThanOrEqualToThreshold")]
    [InlineData("CampaignsCampaignQueue", "ApproximateAgeOfOldestMessage", CampaignSenderFunction.OldestMessageAlarmSeconds, "GreaterThanThreshold")]
    public void Alarms_DeadLettersAndOldestMessage(string queuePrefix, string metric, int threshold, string comparison)
    {
        var id = QueueId(queuePrefix);
        var alarm = _template.OfType("AWS::CloudWatch::Alarm").Select(a => a.Resource.GetProperty("Properties"))
            .Single(a => a.TryGetProperty("MetricName", out var name) && name.GetString() == metric && TemplateJson.References(a.GetProperty("Dimensions")).Contains(id));

        Assert.Equal("AWS/SQS", alarm.GetProperty("Namespace").GetString());
        Assert.Equal(threshold, alarm.GetProperty("Threshold").GetDouble());
        Assert.Equal(comparison, alarm.GetProperty("ComparisonOperator").GetString());
        Assert.Contains(_template.OfType("AWS::SNS::Topic").Single(t => t.Id.StartsWith("AlarmTopic", StringComparison.Ordinal)).Id, TemplateJson.References(alarm.GetProperty("AlarmActions")));
    }

    // Rule: both functions have the suite's error and throttle alarms.
    [Theory]
    [InlineData(FunctionNames.CampaignPlanner)]
    [InlineData(FunctionNames.CampaignSender)]
    public void Alarms_FunctionErrorsAndThrottles(string function)
    {
        var functionId = _template.Function(function).Id;
        var metrics = _template.OfType("AWS::CloudWatch::Alarm").Select(a => a.Resource.GetProperty("Properties"))
            .Where(a => a.TryGetProperty("Dimensions", out var dimensions) && TemplateJson.References(dimensions).Contains(functionId))
            .Select(a => a.GetProperty("MetricName").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(["Errors", "Throttles"], metrics);
    }

    private static bool DeniesWithoutTls(JsonElement statement)
        => statement.GetProperty("Effect").GetString() == "Deny"
            && statement.TryGetProperty("Condition", out var condition)
            && condition.GetProperty("Bool").GetProperty("aws:SecureTransport").GetString() == "false";
}
