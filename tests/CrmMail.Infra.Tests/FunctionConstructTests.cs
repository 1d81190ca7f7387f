using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.IAM;
using CrmMail.Infra.Constructs;
using CrmMail.Infra.Functions;

namespace CrmMail.Infra.Tests;

/// <summary>A construct per function: its function, role grants and alarms live in its own scope; AotFunction takes any project path.</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class FunctionConstructTests(StackFixture fixture)
{
    // Rule: each of the five functions is a construct of its own type under the stack, holding its function, its role (with its grants) and its alarms.
    [Theory]
    [InlineData("SendMail", typeof(SendMailFunction), 2)]
    [InlineData("Unsubscribe", typeof(UnsubscribeFunction), 2)]
    [InlineData("AddContact", typeof(AddContactFunction), 2)]
    [InlineData("MailtoUnsubscribe", typeof(MailtoUnsubscribeFunction), 3)]
    [InlineData("MailgunWebhook", typeof(MailgunWebhookFunction), 2)]
    [InlineData("OutreachSend", typeof(OutreachSendFunction), 3)]
    [InlineData("OutreachStats", typeof(OutreachStatsFunction), 3)]
    [InlineData("CampaignPlanner", typeof(CampaignPlannerFunction), 3)]
    [InlineData("CampaignSender", typeof(CampaignSenderFunction), 4)]
    [InlineData(CampaignsFunction.ConstructId, typeof(CampaignsFunction), 2)]
    public void Function_IsAConstructWithItsRoleAndAlarms(string id, Type type, int alarms)
    {
        var construct = Assert.IsAssignableFrom<SuiteFunction>(fixture.Stack.Node.FindChild(id));
        Assert.IsType(type, construct);
        var scope = construct.Node.Path + "/";
        Assert.StartsWith(scope, construct.Function.Node.Path, StringComparison.Ordinal);
        Assert.StartsWith(scope, construct.Role.Node.Path, StringComparison.Ordinal);
        Assert.Equal(alarms, construct.Node.FindAll().OfType<Alarm>().Count());
        // The grants sit on its own role's default policy (the IAM contract test checks what they are).
        Assert.Contains(construct.Node.FindAll().OfType<Policy>(), p => p.Node.Path.StartsWith(scope, StringComparison.Ordinal));
    }

    // Rule: AotFunction assumes no folder layout: a project anywhere synthesizes with the given size and environment.
    [Fact]
    public void AotFunction_ProjectOutsideTheRepositoryLayout_Synthesizes()
    {
        var project = Path.Combine(Directory.CreateTempSubdirectory("aot-project-").FullName, "Elsewhere.csproj");
        File.WriteAllText(project, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var stack = new Stack(new App(), "Elsewhere");

        _ = new AotFunction(stack, "Elsewhere", new AotFunctionProps("Elsewhere", project, 256, 10, new Dictionary<string, string> { ["SETTING"] = "value" }, 7, SkipBuild: true));

        Template.FromStack(stack).HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Description"] = "CRM Mail Elsewhere",
            ["MemorySize"] = 256,
            ["Timeout"] = 10,
            ["Environment"] = new Dictionary<string, object> { ["Variables"] = new Dictionary<string, object> { ["SETTING"] = "value" } },
        }));
    }

    // Rule: a project path that does not exist is a synth error naming the path, even when the build is skipped.
    [Fact]
    public void AotFunction_MissingProject_FailsSynth()
    {
        var stack = new Stack(new App(), "Missing");
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder", "Nothing.csproj");

        var error = Assert.Throws<ArgumentException>(() => new AotFunction(stack, "Nothing", new AotFunctionProps("Nothing", missing, 256, 10, new Dictionary<string, string>(), 7, SkipBuild: true)));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
