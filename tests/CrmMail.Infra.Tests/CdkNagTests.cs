using CrmMail.Tests.Shared;

namespace CrmMail.Infra.Tests;

/// <summary>cdk-nag's AwsSolutions rule pack over the synthesized template (tools/nag/nag.js).</summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed class CdkNagTests(StackFixture fixture)
{
    // Rule: the AwsSolutions pack finds nothing unsuppressed; every suppression is cdk_nag metadata with a reason on its resource (infra/CrmMail.SignedDelivery/Nag.cs).
    [Fact]
    public Task AwsSolutions_SynthesisedTemplate_HasNoUnsuppressedFindings() => AssertNoFindingsAsync(fixture.TemplatePath);

    // Rule: with the WAF web ACL (-c wafRateLimit) the pack also finds nothing: the stage's APIG3 is met, not suppressed.
    [Fact]
    public Task AwsSolutions_WithWaf_HasNoUnsuppressedFindings()
        => AssertNoFindingsAsync(StackFixture.Synthesize(new Dictionary<string, object> { ["wafRateLimit"] = "1000" }, "CrmMailNagWaf").TemplatePath);

    private static async Task AssertNoFindingsAsync(string templatePath)
    {
        var nagDir = Path.Combine(TestPaths.RepositoryRoot, "tools", "nag");
        Assert.True(
            Directory.Exists(Path.Combine(nagDir, "node_modules", "cdk-nag")),
            "tools/nag/node_modules is missing: run `npm ci --prefix tools/nag` first (.ci/run does).");

        var (exitCode, stdout, stderr) = await ProcessRunner.RunAsync("node", [Path.Combine(nagDir, "nag.js"), templatePath], TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0, $"cdk-nag exit {exitCode}:\n{stdout}{stderr}");
    }
}
