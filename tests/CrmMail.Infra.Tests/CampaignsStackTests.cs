using System.Text.Json;
using CrmMail.Infra.Functions;
using CrmMail.Routes;
using CrmMail.Settings;

namespace CrmMail.Infra.Tests;

/// <summary>The campaign API (issue 16) in the synthesized stack: its environment, its methods behind the API key, its role, its size and alarms.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class CampaignsStackTests(StackFixture fixture)
{
    private readonly TemplateJson _template = TemplateJson.Load(fixture.TemplatePath);

    private JsonElement Resource(string id) => _template.Root.GetProperty("Resources").GetProperty(id);

    private string Bound(string function, string variable) => TemplateJson.References(_template.Environment(function)[variable]).Single();

    private string QueueId(string prefix) => _template.OfType("AWS::SQS::Queue").Single(q => q.Id.StartsWith(prefix, StringComparison.Ordinal)).Id;

    private string Id(string type, string prefix) => _template.OfType(type).Single(r => r.Id.StartsWith(prefix, StringComparison.Ordinal)).Id;

    // Rule: the function is given every variable CampaignsSettings.Load reads that the stack or
    // context supplies (Catalogue.Campaigns), and nothing else.
    [Fact]
    public void Environment_SetsEverySettingTheApiReads()
    {
        var expected = Catalogue.Campaigns.Where(s => s.Source is SettingSource.Stack or SettingSource.Context).Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(expected, _template.Environment(FunctionNames.Campaigns).Keys.Order(StringComparer.Ordinal));
    }

    // Rule: the API launches onto the plan queue (the planner's source), resumes onto the campaign
    // queue (the sender's source), and shares the engine's table and bucket and send-mail's
    // reports bucket, idempotency table, distribution and signing key.
    [Fact]
    public void Environment_PointsAtTheEnginesAndSendMailsResources()
    {
        var campaigns = _template.Environment(FunctionNames.Campaigns);
        var sendMail = _template.Environment(FunctionNames.SendMail);

        Assert.Equal(QueueId("CampaignsPlanQueue"), Bound(FunctionNames.Campaigns, Catalogue.CampaignPlanQueueUrl.Name));
        Assert.Equal(QueueId("CampaignsCampaignQueue"), Bound(FunctionNames.Campaigns, Catalogue.CampaignQueueUrl.Name));
        Assert.Equal(Id("AWS::DynamoDB::Table", "CampaignsTable"), Bound(FunctionNames.Campaigns, Catalogue.CampaignsTable.Name));
        Assert.Equal(Id("AWS::S3::Bucket", "CampaignsBucket"), Bound(FunctionNames.Campaigns, Catalogue.CampaignBucket.Name));
        foreach (var shared in new[] { Catalogue.ReportsBucket, Catalogue.IdempotencyTable, Catalogue.CloudFrontPrivateKeySecret, Catalogue.CloudFrontDomain, Catalogue.CloudFrontHashAlgorithm, Catalogue.ReportKeyTemplate, Catalogue.SignedUrlTtlDays })
        {
            Assert.Equal(sendMail[shared.Name].GetRawText(), campaigns[shared.Name].GetRawText());
        }

        Assert.Equal(Catalogue.CampaignMaxRecipients.Default, campaigns[Catalogue.CampaignMaxRecipients.Name].GetString());
        Assert.Equal(Catalogue.CampaignListMaxRecipients.Default, campaigns[Catalogue.CampaignListMaxRecipients.Name].GetString());
    }

    // Rule: every campaign route of the shared route table is a method at its path, integrated with
    // the Campaigns function and requiring the API key of the stack's one usage plan (send-mail's).
    [Fact]
    public void Routes_EveryCampaignRouteIsAMethodBehindTheApiKey()
    {
        var function = _template.Function(FunctionNames.Campaigns).Id;
        var methods = _template.OfType("AWS::ApiGateway::Method").Select(m => m.Resource.GetProperty("Properties"))
            .Where(m => TemplateJson.References(m.GetProperty("Integration")).Contains(function)).ToList();
        var plan = Assert.Single(_template.OfType("AWS::ApiGateway::UsagePlan")).Resource.GetProperty("Properties");
        var planApis = TemplateJson.References(plan.GetProperty("ApiStages"));

        var expected = RouteTable.All.Where(r => r.Function == FunctionNames.Campaigns).Select(r => r.Method + " " + r.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, methods.Select(m => m.GetProperty("HttpMethod").GetString() + " " + PathOf(m.GetProperty("ResourceId"))).Order(StringComparer.Ordinal));
        Assert.All(methods, m =>
        {
            Assert.True(m.GetProperty("ApiKeyRequired").GetBoolean());
            Assert.Contains(TemplateJson.References(m.GetProperty("RestApiId")).Single(), planApis);
        });
    }

    // Rule: least privilege: the role grants exactly the campaign store's API operations on the
    // campaign table, PutObject under campaigns/ and uploads/ and GetObject under uploads/ of the
    // campaign bucket (ListBucket on it, for 404s), SendMessage on the plan and campaign queues,
    // send-mail's grants on the idempotency table, the reports bucket and the signing key, and
    // nothing on any other resource (no SES, no token key, no wildcard beyond X-Ray's).
    [Fact]
    public void Role_GrantsExactlyTheApisActionsOnItsResources()
    {
        var table = Id("AWS::DynamoDB::Table", "CampaignsTable");
        var bucket = Id("AWS::S3::Bucket", "CampaignsBucket");
        var idempotency = Id("AWS::DynamoDB::Table", "StateIdempotency");
        var reports = Bound(FunctionNames.SendMail, Catalogue.ReportsBucket.Name);
        var secret = Bound(FunctionNames.SendMail, Catalogue.CloudFrontPrivateKeySecret.Name);
        string[] expected =
        [
            $"dynamodb:DeleteItem on {idempotency}",
            $"dynamodb:DeleteItem on {table}",
            $"dynamodb:GetItem on {idempotency}",
            $"dynamodb:GetItem on {table}",
            $"dynamodb:PutItem on {idempotency}",
            $"dynamodb:PutItem on {table}",
            $"dynamodb:Query on {table}",
            $"dynamodb:UpdateItem on {table}",
            $"kms:Decrypt on {Id("AWS::KMS::Key", "SecretsKey")}",
            $"s3:GetObject on {bucket}/uploads/*",
            $"s3:GetObject on {reports}/*",
            $"s3:ListBucket on {bucket}",
            $"s3:ListBucket on {reports}",
            $"s3:PutObject on {bucket}/campaigns/*",
            $"s3:PutObject on {bucket}/uploads/*",
            $"secretsmanager:GetSecretValue on {secret}",
            $"sqs:SendMessage on {QueueId("CampaignsCampaignQueue")}",
            $"sqs:SendMessage on {QueueId("CampaignsPlanQueue")}",
            "xray:PutTelemetryRecords on *",
            "xray:PutTraceSegments on *",
        ];

        var granted = _template.Statements(FunctionNames.Campaigns)
            .Where(s => s.GetProperty("Effect").GetString() == "Allow")
            .SelectMany(s => TemplateJson.Strings(s.GetProperty("Action")).SelectMany(a => TemplateJson.Elements(s.GetProperty("Resource")).Select(r => a + " on " + Render(r))))
            .Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(expected.Order(StringComparer.Ordinal), granted);
    }

    // Rule: the CloudFront signing key's secret lets the campaign API read it (its resource policy
    // denies every principal but the functions that sign links, which now include Campaigns).
    [Fact]
    public void SigningKeySecret_ReadableByTheCampaignApi()
    {
        var secret = Bound(FunctionNames.Campaigns, Catalogue.CloudFrontPrivateKeySecret.Name);
        var role = TemplateJson.References(_template.Function(FunctionNames.Campaigns).Resource.GetProperty("Properties").GetProperty("Role")).Single();
        var policy = _template.OfType("AWS::SecretsManager::ResourcePolicy").Single(p => TemplateJson.References(p.Resource.GetProperty("Properties").GetProperty("SecretId")).Contains(secret)).Resource.GetProperty("Properties");

        Assert.Contains(role, TemplateJson.References(policy.GetProperty("ResourcePolicy")));
    }

    // Rule: the function answers before API Gateway's 29 s integration timeout cuts the request, with the documented memory.
    [Fact]
    public void Function_TimeoutInsideApiGatewaysIntegrationTimeout()
    {
        var properties = _template.Function(FunctionNames.Campaigns).Resource.GetProperty("Properties");

        Assert.Equal(CampaignsFunction.TimeoutSeconds, properties.GetProperty("Timeout").GetInt32());
        Assert.True(properties.GetProperty("Timeout").GetInt32() < 29);
        Assert.Equal(CampaignsFunction.MemoryMb, properties.GetProperty("MemorySize").GetInt32());
    }

    // Rule: the function has the suite's error and throttle alarms, sent to the alarm topic.
    [Fact]
    public void Alarms_ErrorsAndThrottlesToTheAlarmTopic()
    {
        var function = _template.Function(FunctionNames.Campaigns).Id;
        var topic = _template.OfType("AWS::SNS::Topic").Single(t => t.Id.StartsWith("AlarmTopic", StringComparison.Ordinal)).Id;
        var alarms = _template.OfType("AWS::CloudWatch::Alarm").Select(a => a.Resource.GetProperty("Properties"))
            .Where(a => a.TryGetProperty("Dimensions", out var dimensions) && TemplateJson.References(dimensions).Contains(function)).ToList();

        Assert.Equal(["Errors", "Throttles"], alarms.Select(a => a.GetProperty("MetricName").GetString()).Order(StringComparer.Ordinal));
        Assert.All(alarms, a => Assert.Equal([topic], TemplateJson.References(a.GetProperty("AlarmActions"))));
    }

    // A resource as "ID" or "ID/keys*" (an object ARN joined from the bucket's ARN), or its literal text ("*").
    private static string Render(JsonElement resource)
    {
        if (resource.ValueKind == JsonValueKind.String)
        {
            return resource.GetString()!;
        }

        var id = TemplateJson.References(resource).Single();
        return resource.TryGetProperty("Fn::Join", out var join) && join[1].EnumerateArray().Last() is { ValueKind: JsonValueKind.String } last ? id + last.GetString() : id;
    }

    // The method's path, from its resource up through each parent's PathPart to the API's root.
    private string PathOf(JsonElement resourceId)
    {
        var path = new List<string>();
        var current = resourceId;
        while (current.TryGetProperty("Ref", out var reference))
        {
            var properties = Resource(reference.GetString()!).GetProperty("Properties");
            path.Insert(0, properties.GetProperty("PathPart").GetString()!);
            current = properties.GetProperty("ParentId");
        }

        return "/" + string.Join('/', path);
    }
}
