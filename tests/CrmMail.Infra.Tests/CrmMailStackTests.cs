using System.Text.Json;
using Amazon.CDK.Assertions;
using CrmMail.Tests.Shared;

namespace CrmMail.Infra.Tests;

[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class CrmMailStackTests(StackFixture fixture)
{
    private readonly Template _template = fixture.Template;

    private JsonElement Resources() => JsonDocument.Parse(File.ReadAllText(fixture.TemplatePath)).RootElement.GetProperty("Resources");

    [Fact]
    public void Resources_AreCountedAsDesigned()
    {
        _template.ResourceCountIs("AWS::Lambda::Function", 12);
        _template.ResourceCountIs("AWS::DynamoDB::Table", 9);
        _template.ResourceCountIs("AWS::SES::ConfigurationSet", 2);
        _template.ResourceCountIs("AWS::SES::ConfigurationSetEventDestination", 2);
        _template.ResourceCountIs("AWS::SES::ContactList", 1);
        _template.ResourceCountIs("AWS::CloudFront::Distribution", 1);
        _template.ResourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        _template.ResourceCountIs("AWS::CloudFront::KeyGroup", 1);
        _template.ResourceCountIs("AWS::SES::ReceiptRule", 1);
        _template.ResourceCountIs("AWS::ApiGateway::UsagePlan", 1);
    }

    [Fact]
    public void Bucket_IsPrivateSslOnlyOwnerEnforcedAndRetained()
    {
        _template.HasResource("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["PublicAccessBlockConfiguration"] = new Dictionary<string, object> { ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true },
                ["OwnershipControls"] = new Dictionary<string, object> { ["Rules"] = new object[] { new Dictionary<string, object> { ["ObjectOwnership"] = "BucketOwnerEnforced" } } },
            }),
            ["DeletionPolicy"] = "Retain",
        });
        var policy = JsonSerializer.Serialize(Resources().EnumerateObject().First(r => r.Value.GetProperty("Type").GetString() == "AWS::S3::BucketPolicy").Value);
        Assert.Contains("\"aws:SecureTransport\":\"false\"", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void BucketPolicy_GrantsOnlyTheDistributionThroughOac()
    {
        var policy = Resources().EnumerateObject().First(r => r.Value.GetProperty("Type").GetString() == "AWS::S3::BucketPolicy").Value.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement");
        // The distribution may read every object and, for the gallery's signed uploads, put under spaces/ only (GalleryStackTests).
        var cloudFront = policy.EnumerateArray().Where(s => s.GetProperty("Principal").TryGetProperty("Service", out var service) && service.GetString() == "cloudfront.amazonaws.com").ToList();
        Assert.Equal(["s3:GetObject", "s3:PutObject"], cloudFront.Select(s => s.GetProperty("Action").GetString()).Order(StringComparer.Ordinal));
        var oac = cloudFront.Single(s => s.GetProperty("Action").GetString() == "s3:GetObject");
        var sourceArn = JsonSerializer.Serialize(oac.GetProperty("Condition").GetProperty("StringEquals").GetProperty("AWS:SourceArn"));
        Assert.Contains(":cloudfront::", sourceArn, StringComparison.Ordinal);
        Assert.Contains(":distribution/", sourceArn, StringComparison.Ordinal);
    }

    [Fact]
    public void Distribution_IsHttpsOnlyWithTheKeyGroupOnTheDefaultBehaviour()
    {
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Match.ObjectLike(new Dictionary<string, object>
        {
            ["DistributionConfig"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["DefaultCacheBehavior"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ViewerProtocolPolicy"] = "https-only",
                    ["TrustedKeyGroups"] = Match.AnyValue(),
                }),
            }),
        }));
    }

    [Fact]
    public void UnsubscribeKey_RotatesAndHasTheAlias()
    {
        _template.HasResourceProperties("AWS::KMS::Key", Match.ObjectLike(new Dictionary<string, object> { ["EnableKeyRotation"] = true }));
        _template.HasResourceProperties("AWS::KMS::Alias", Match.ObjectLike(new Dictionary<string, object> { ["AliasName"] = "alias/dn-unsubscribe" }));
    }

    [Fact]
    public void ContactList_HasBothTopicsOptInByDefault()
        => _template.HasResourceProperties("AWS::SES::ContactList", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ContactListName"] = "dn-contacts",
            ["Topics"] = Match.ArrayWith(new object[]
            {
                Match.ObjectLike(new Dictionary<string, object> { ["TopicName"] = "financial", ["DefaultSubscriptionStatus"] = "OPT_IN" }),
                Match.ObjectLike(new Dictionary<string, object> { ["TopicName"] = "outreach", ["DefaultSubscriptionStatus"] = "OPT_IN" }),
            }),
        }));

    [Fact]
    public void AuditTable_HasPointInTimeRecoveryAndIsRetained()
        => _template.HasResource("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true } }),
            ["DeletionPolicy"] = "Retain",
        });

    [Fact]
    public void Stage_ThrottlesEachMethodClass()
    {
        var stage = JsonSerializer.Serialize(Resources().EnumerateObject().First(r => r.Value.GetProperty("Type").GetString() == "AWS::ApiGateway::Stage").Value.GetProperty("Properties").GetProperty("MethodSettings"));
        Assert.Contains("\"ResourcePath\":\"/~1send-mail\",\"ThrottlingBurstLimit\":50,\"ThrottlingRateLimit\":25", stage, StringComparison.Ordinal);
        Assert.Contains("\"ResourcePath\":\"/~1outreach~1webhook\",\"ThrottlingBurstLimit\":200,\"ThrottlingRateLimit\":100", stage, StringComparison.Ordinal);
        Assert.Contains("\"ResourcePath\":\"/~1financial~1unsubscribe\",\"ThrottlingBurstLimit\":100,\"ThrottlingRateLimit\":50", stage, StringComparison.Ordinal);
    }

    // Rule: the usage plan has its daily quota, and exactly the methods of send-mail and the campaign API (the CRM's server-to-server calls) need its key.
    [Fact]
    public void UsagePlan_HasTheDailyQuotaAndOnlySendMailAndCampaignsNeedTheKey()
    {
        _template.HasResourceProperties("AWS::ApiGateway::UsagePlan", Match.ObjectLike(new Dictionary<string, object> { ["Quota"] = new Dictionary<string, object> { ["Limit"] = 10_000, ["Period"] = "DAY" } }));
        var template = TemplateJson.Load(fixture.TemplatePath);
        var methods = template.OfType("AWS::ApiGateway::Method").Select(m => m.Resource.GetProperty("Properties")).ToList();
        Assert.Equal(CrmMail.Infra.StackRoutes.All.Count, methods.Count);
        var keyed = new[] { CrmMail.Routes.FunctionNames.SendMail, CrmMail.Routes.FunctionNames.Campaigns }.Select(f => template.Function(f).Id).ToList();
        Assert.Equal(
            CrmMail.Infra.StackRoutes.All.Count(r => r.Function is CrmMail.Routes.FunctionNames.SendMail or CrmMail.Routes.FunctionNames.Campaigns),
            methods.Count(m => m.TryGetProperty("ApiKeyRequired", out var required) && required.GetBoolean()));
        Assert.All(
            methods.Where(m => m.TryGetProperty("ApiKeyRequired", out var required) && required.GetBoolean()),
            m => Assert.NotEmpty(TemplateJson.References(m.GetProperty("Integration")).Intersect(keyed)));
    }

    [Fact]
    public void Functions_AreAotOnAl2023WithJsonLogsAndTracing()
    {
        foreach (var function in Resources().EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::Lambda::Function").Select(r => r.Value.GetProperty("Properties")))
        {
            Assert.Equal("provided.al2023", function.GetProperty("Runtime").GetString());
            Assert.Equal("x86_64", function.GetProperty("Architectures")[0].GetString());
            Assert.Equal("JSON", function.GetProperty("LoggingConfig").GetProperty("LogFormat").GetString());
            Assert.Equal("Active", function.GetProperty("TracingConfig").GetProperty("Mode").GetString());
        }
    }

    [Fact]
    public void Iam_NoWildcardActionsAndNoWildcardResourcesOutsideObjectKeys()
    {
        foreach (var policy in Resources().EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == "AWS::IAM::Policy"))
        {
            foreach (var statement in policy.Value.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            {
                var actions = statement.GetProperty("Action");
                var list = actions.ValueKind == JsonValueKind.Array ? actions.EnumerateArray().Select(a => a.GetString()!).ToList() : [actions.GetString()!];
                Assert.All(list, a => Assert.DoesNotContain("*", a, StringComparison.Ordinal));
                var resources = JsonSerializer.Serialize(statement.GetProperty("Resource"));
                Assert.False(resources == "\"*\"" && !list.All(a => a.StartsWith("xray:", StringComparison.Ordinal)), policy.Name + ": " + resources);
            }
        }
    }

    // Rule: the contact lease table has a TTL, and only the functions that change contacts may
    // put and delete its items (send-mail's gate takes no lease).
    [Fact]
    public void ContactLeases_TtlTableWrittenOnlyByTheFunctionsThatChangeContacts()
    {
        var table = Resources().EnumerateObject().Single(r => r.Name.StartsWith("StateContactLeases", StringComparison.Ordinal) && r.Value.GetProperty("Type").GetString() == "AWS::DynamoDB::Table");
        var properties = table.Value.GetProperty("Properties");
        Assert.Equal("expiresAt", properties.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.Equal("PAY_PER_REQUEST", properties.GetProperty("BillingMode").GetString());
        foreach (var function in new[] { "SendMail", "Unsubscribe", "AddContact", "MailtoUnsubscribe", "MailgunWebhook", "OutreachSend" })
        {
            var policy = Resources().EnumerateObject().Single(r => r.Value.GetProperty("Type").GetString() == "AWS::IAM::Policy" && r.Name.StartsWith(function + "FunctionServiceRoleDefaultPolicy", StringComparison.Ordinal));
            var onLeases = policy.Value.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()
                .Where(s => JsonSerializer.Serialize(s.GetProperty("Resource")).Contains(table.Name, StringComparison.Ordinal))
                .SelectMany(s => s.GetProperty("Action").ValueKind == JsonValueKind.Array ? s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!) : [s.GetProperty("Action").GetString()!])
                .Order(StringComparer.Ordinal).ToList();
            Assert.Equal(function is "SendMail" or "OutreachSend" ? [] : ["dynamodb:DeleteItem", "dynamodb:PutItem"], onLeases);
            var environment = JsonSerializer.Serialize(Resources().EnumerateObject().Single(r => r.Value.GetProperty("Type").GetString() == "AWS::Lambda::Function" && r.Name.StartsWith(function + "Function", StringComparison.Ordinal)).Value.GetProperty("Properties").GetProperty("Environment"));
            Assert.Contains("\"CONTACT_LEASE_TABLE\":{\"Ref\":\"" + table.Name + "\"}", environment, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void InboundMail_SnsActionBase64AndMailtoHasADeadLetterDestination()
    {
        _template.HasResourceProperties("AWS::SES::ReceiptRule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Rule"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Recipients"] = new object[] { "unsubscribe@mail.example.com" },
                ["Actions"] = Match.ArrayWith(new object[] { Match.ObjectLike(new Dictionary<string, object> { ["SNSAction"] = Match.ObjectLike(new Dictionary<string, object> { ["Encoding"] = "Base64" }) }) }),
            }),
        }));
        _template.HasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.ObjectLike(new Dictionary<string, object>
        {
            ["DestinationConfig"] = Match.ObjectLike(new Dictionary<string, object> { ["OnFailure"] = Match.AnyValue() }),
        }));
    }

    [Fact]
    public void Alarms_CoverErrorsThrottlesDeadLettersApi5xxAndAuditFallbacks()
        => _template.ResourceCountIs("AWS::CloudWatch::Alarm", (12 * 2) + 3 + 1 + 3 + 1 + 3); // + OutreachRateLimited; + SesEvents' dead letters and the two SES reputation alarms; + OutreachStatsRateLimited; + the campaign engine's two dead-letter queues and the campaign queue's oldest message

    [Fact]
    public Task CfnLint_SynthesisedTemplate_HasNoErrorsAndOnlyExplainedWarnings() => AssertCfnLintCleanAsync(fixture.TemplatePath);

    // Rule: the template with the optional WAF web ACL (-c wafRateLimit) is as clean.
    [Fact]
    public Task CfnLint_WithWaf_HasNoErrorsAndOnlyExplainedWarnings()
        => AssertCfnLintCleanAsync(StackFixture.Synthesize(new Dictionary<string, object> { ["wafRateLimit"] = "1000" }, "CrmMailLintWaf").TemplatePath);

    private static async Task AssertCfnLintCleanAsync(string templatePath)
    {
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("cfn-lint", ["--format", "parseable", templatePath], TimeSpan.FromMinutes(3));

        var errors = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(":E", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors) + stderr);
        Assert.True(exitCode is 0 or 4 or 8 or 12, $"cfn-lint exit {exitCode}: {stdout}{stderr}");

        // Warnings are fixed or explained. The only one left, W3005, is the CDK Function's own
        // DependsOn on its service role next to the GetAtt of the role's ARN (aws-lambda adds the
        // node dependency so the role exists before the function in every case): redundant, harmless.
        var warnings = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(":W", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.All(w => w.Contains(":W3005:", StringComparison.Ordinal) && w.Contains("FunctionServiceRole", StringComparison.Ordinal)), string.Join('\n', warnings));
    }
}
