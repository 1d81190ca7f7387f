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
        var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "cdk.json")));
        var context = cdkJson.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.ToString());
        context["skipBuild"] = "true";
        context["corsOrigins"] = "https://crm.example.com";
        OutDir = Directory.CreateTempSubdirectory("cdk-out-").FullName;
        var app = new App(new AppProps { Context = context, Outdir = OutDir });
        Settings = StackSettings.FromContext(app.Node);
        Stack = new CrmMailStack(app, "CrmMailTest", Settings, new StackProps { Env = new Amazon.CDK.Environment { Account = "123456789012", Region = "eu-west-1" } });
        Template = Template.FromStack(Stack);
        app.Synth();
        TemplatePath = Path.Combine(OutDir, "CrmMailTest.template.json");
    }

    public StackSettings Settings { get; }

    public CrmMailStack Stack { get; }

    public Template Template { get; }

    public string OutDir { get; }

    public string TemplatePath { get; }
}
