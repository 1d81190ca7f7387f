using System.Text.Json;

namespace CrmMail.Infra.Tests;

/// <summary>More than one environment: -c stage=NAME drives the stack name, the API stage, every physical name and the tags.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class StageTests(StackFixture fixture)
{
    // Properties that are physical names in one account and region.
    private static readonly string[] NameProperties = ["ContactListName", "AliasName", "Name", "RuleSetName", "UsagePlanName", "TableName", "FunctionName", "LogGroupName", "TopicName", "QueueName", "BucketName", "RoleName", "StageName"];

    // Rule: prod and a second stage synthesize side by side in one account and region with no physical name in common.
    [Fact]
    public void TwoStages_ShareNoPhysicalName()
    {
        var staging = StackFixture.Synthesize(new Dictionary<string, object> { ["stage"] = "staging" }, "CrmMailStaging");
        var prodNames = PhysicalNames(TemplateJson.Load(fixture.TemplatePath));
        var stagingNames = PhysicalNames(TemplateJson.Load(staging.TemplatePath));

        Assert.NotEqual(fixture.Settings.StackName, staging.Settings.StackName);
        Assert.Equal("CrmMail-staging", staging.Settings.StackName);
        Assert.Contains("ContactListName=dn-contacts-staging", stagingNames);
        Assert.Contains("AliasName=alias/dn-unsubscribe-staging", stagingNames);
        Assert.Contains("StageName=staging", stagingNames);
        var shared = prodNames.Intersect(stagingNames).ToList();
        Assert.True(shared.Count == 0, "shared physical names: " + string.Join(", ", shared));
    }

    // Rule: the API stage and the unsubscribe links follow the stage.
    [Fact]
    public void Stage_DrivesTheApiStageAndTheUnsubscribeBaseUrl()
    {
        var staging = TemplateJson.Load(StackFixture.Synthesize(new Dictionary<string, object> { ["stage"] = "qa" }, "CrmMailQa").TemplatePath);
        Assert.Equal("qa", staging.OfType("AWS::ApiGateway::Stage").Single().Resource.GetProperty("Properties").GetProperty("StageName").GetString());
        Assert.EndsWith("/qa\"]]}", staging.Environment("SendMail")["UNSUBSCRIBE_BASE_URL"].GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    // Rule: a stage name that cannot be part of physical names is a one-line synth error.
    [Theory]
    [InlineData("Prod")]
    [InlineData("my_stage")]
    [InlineData("a-very-long-stage-name")]
    public void Stage_Invalid_FailsSynth(string stage)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => StackFixture.Synthesize(new Dictionary<string, object> { ["stage"] = stage }, "CrmMailBad"));
        Assert.Contains("'stage'", error.Message, StringComparison.Ordinal);
    }

    // Rule: every taggable resource carries project and stage tags.
    [Fact]
    public void EveryTaggableResource_HasProjectAndStageTags()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        string[] mustBeTagged = ["AWS::Lambda::Function", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::SecretsManager::Secret", "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::ApiGateway::RestApi", "AWS::CloudFront::Distribution", "AWS::Logs::LogGroup", "AWS::IAM::Role"];
        var untagged = new List<string>();
        foreach (var resource in template.Root.GetProperty("Resources").EnumerateObject())
        {
            var type = resource.Value.GetProperty("Type").GetString()!;
            var properties = resource.Value.TryGetProperty("Properties", out var p) ? p : default;
            var hasTags = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("Tags", out var tags);
            if (!hasTags)
            {
                if (mustBeTagged.Contains(type))
                {
                    untagged.Add(resource.Name);
                }

                continue;
            }

            var text = properties.GetProperty("Tags").GetRawText();
            if (!text.Contains("\"project\"", StringComparison.Ordinal) || !text.Contains("\"stage\"", StringComparison.Ordinal))
            {
                untagged.Add(resource.Name);
            }
        }

        Assert.True(untagged.Count == 0, "untagged: " + string.Join(", ", untagged));
    }

    private static HashSet<string> PhysicalNames(TemplateJson template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in template.Root.GetProperty("Resources").EnumerateObject())
        {
            if (!resource.Value.TryGetProperty("Properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject().Where(p => NameProperties.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String))
            {
                names.Add(property.Name + "=" + property.Value.GetString());
            }

            // Nested names (ReceiptRuleSet rule names, ContactList topic names are per list).
            if (properties.TryGetProperty("Rule", out var rule) && rule.TryGetProperty("Name", out var ruleName) && ruleName.ValueKind == JsonValueKind.String)
            {
                names.Add("Rule=" + ruleName.GetString());
            }
        }

        return names;
    }
}
