using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using CrmMail.Tests.Shared;

namespace CrmMail.Infra.Tests;

/// <summary>Synthesises the stack once, with cdk.json's context and the build skipped.</summary>
public sealed class StackFixture
{
    public StackFixture()
    {
        (Settings, Stack, Template, OutDir, TemplatePath) = Synthesize(new Dictionary<string, object> { ["corsOrigins"] = "https://crm.example.com" });
    }

    public StackSettings Settings { get; }

    public CrmMailStack Stack { get; }

    public Template Template { get; }

    public string OutDir { get; }

    public string TemplatePath { get; }

    /// <summary>cdk.json's context with the build skipped, then <paramref name="overrides"/>.</summary>
    public static Dictionary<string, object> Context(IReadOnlyDictionary<string, object>? overrides = null)
    {
        var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "cdk.json")));
        var context = cdkJson.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.ToString());
        context["skipBuild"] = "true";
        foreach (var (key, value) in overrides ?? new Dictionary<string, object>())
        {
            context[key] = value;
        }

        return context;
    }

    /// <summary>
    /// One synthesis with cdk.json's context plus <paramref name="overrides"/> (account
    /// 123456789012, eu-west-1 unless told). Call it only from the <see cref="StackCollection"/>: jsii runs one app at a time.
    /// </summary>
    public static (StackSettings Settings, CrmMailStack Stack, Template Template, string OutDir, string TemplatePath) Synthesize(IReadOnlyDictionary<string, object>? overrides = null, string stackId = "CrmMailTest", string region = "eu-west-1")
    {
        var outDir = Directory.CreateTempSubdirectory("cdk-out-").FullName;
        var app = new App(new AppProps { Context = Context(overrides), Outdir = outDir });
        var settings = StackSettings.FromContext(app.Node);
        var stack = new CrmMailStack(app, stackId, settings, new StackProps { Env = new Amazon.CDK.Environment { Account = "123456789012", Region = region } });
        var template = Template.FromStack(stack);
        app.Synth();
        return (settings, stack, template, outDir, Path.Combine(outDir, stackId + ".template.json"));
    }
}
