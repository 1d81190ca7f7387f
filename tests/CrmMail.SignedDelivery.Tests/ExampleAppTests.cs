using System.Text.Json;
using Amazon.CDK;
using CrmMail.Tests.Shared;
using SignedDeliveryExample;

namespace CrmMail.SignedDelivery.Tests;

/// <summary>The example app (examples/SignedDeliveryExample): another team's stack with only the constructs it names.</summary>
public sealed class ExampleAppTests
{
    private static readonly Lazy<(JsonElement Template, string Path)> Synthesized = new(() =>
    {
        var outDir = Directory.CreateTempSubdirectory("cdk-out-example-").FullName;
        var app = new App(new AppProps { Outdir = outDir });
        var stack = new ExampleStack(app, "SignedDeliveryExample", new ExampleStackProps
        {
            ApplicationRoleArn = "arn:aws:iam::123456789012:role/files-api",
            UploadPathPattern = "uploads/*",
            KeyPairHandlerCode = Synth.HandlerStub(),
            Env = new Amazon.CDK.Environment { Account = Synth.Account, Region = Synth.Region },
        });
        var template = JsonSerializer.SerializeToElement(Amazon.CDK.Assertions.Template.FromStack(stack).ToJSON());
        app.Synth();
        return (template, Path.Combine(outDir, "SignedDeliveryExample.template.json"));
    });

    // Rule: the example provisions exactly bucket + distribution + key pair + integration role: no table, no stored secret resource, no CRM resource.
    [Fact]
    public void Example_HasOnlyTheResourcesOfItsFourConstructs()
    {
        var types = Synthesized.Value.Template.GetProperty("Resources").EnumerateObject().Select(r => r.Value.GetProperty("Type").GetString()!).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(
            new Dictionary<string, int>
            {
                ["AWS::S3::Bucket"] = 2, // files + CloudFront logs
                ["AWS::S3::BucketPolicy"] = 2,
                ["AWS::CloudFront::Distribution"] = 1,
                ["AWS::CloudFront::OriginAccessControl"] = 1,
                ["AWS::CloudFront::PublicKey"] = 1,
                ["AWS::CloudFront::KeyGroup"] = 1,
                ["Custom::CloudFrontKeyPair"] = 1,
                ["Custom::CloudFrontKeyPairBinding"] = 1,
                ["AWS::Lambda::Function"] = 1,
                ["AWS::Logs::LogGroup"] = 1,
                ["AWS::IAM::Role"] = 2, // the handler's, the integration role
                ["AWS::IAM::Policy"] = 1,
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            types.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    // Rule: the example's integration role reads the generated secret (by the binding's ARN, so after keyPairId is in it) and nothing else; uploads go to uploads/* only.
    [Fact]
    public void Example_RoleReadsTheBoundSecretAndUploadsAreLimitedToTheirPrefix()
    {
        var template = Synthesized.Value.Template;
        var (bindingId, _) = template.OfType("Custom::CloudFrontKeyPairBinding").Single();
        var role = template.OfType("AWS::IAM::Role").Single(r => r.Id.StartsWith("Integration", StringComparison.Ordinal)).Resource.Props();
        var statement = role.GetProperty("Policies")[0].GetProperty("PolicyDocument").Statements().Single();
        Assert.Equal("secretsmanager:GetSecretValue", statement.GetProperty("Action").GetString());
        Assert.Equal($$"""{"Fn::GetAtt":["{{bindingId}}","SecretArn"]}""", statement.GetProperty("Resource").GetRawText());
        var put = template.OfType("AWS::S3::BucketPolicy").SelectMany(p => p.Resource.Props().GetProperty("PolicyDocument").Statements()).Single(s => s.GetProperty("Action").GetRawText().Contains("s3:PutObject", StringComparison.Ordinal));
        Assert.EndsWith("\"/uploads/*\"]]}", put.GetProperty("Resource").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("uploads/*", template.OfType("AWS::CloudFront::Distribution").Single().Resource.Props().GetProperty("DistributionConfig").GetProperty("CacheBehaviors")[0].GetProperty("PathPattern").GetString());
    }

    // Rule: cfn-lint finds no error in the example's template, and no warning but W3005 on the handler function's role: CDK's Function adds
    // a DependsOn on its role next to the GetAtt of the role's ARN (the same redundant, harmless one the CRM template has).
    [Fact]
    [Trait("Category", "Integration")]
    public async Task CfnLint_ExampleTemplate_HasNoErrorsAndOnlyTheExplainedWarning()
    {
        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("cfn-lint", ["--format", "parseable", Synthesized.Value.Path], TimeSpan.FromMinutes(3));

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exitCode is 0 or 4, $"cfn-lint exit {exitCode}:\n{stdout}{stderr}");
        Assert.All(lines, l => Assert.True(l.Contains(":W3005:", StringComparison.Ordinal) && l.Contains("'CloudFrontKeyPairHandlerRole", StringComparison.Ordinal), l));
    }

    // Rule: cdk-nag's AwsSolutions pack finds nothing unsuppressed in the example (every suppression is the library's, with its reason).
    [Fact]
    [Trait("Category", "Integration")]
    public async Task AwsSolutions_ExampleTemplate_HasNoUnsuppressedFindings()
    {
        var nagDir = Path.Combine(TestPaths.RepositoryRoot, "tools", "nag");
        Assert.True(Directory.Exists(Path.Combine(nagDir, "node_modules", "cdk-nag")), "tools/nag/node_modules is missing: run `npm ci --prefix tools/nag` first (.ci/run does).");

        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("node", [Path.Combine(nagDir, "nag.js"), Synthesized.Value.Path], TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"cdk-nag exit {exitCode}:\n{stdout}{stderr}");
    }
}
