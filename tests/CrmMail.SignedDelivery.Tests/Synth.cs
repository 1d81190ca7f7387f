using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using CrmMail.SignedDelivery;

namespace CrmMail.SignedDelivery.Tests;

/// <summary>Synthesizes one stack with the constructs a test adds and reads its template as JSON.</summary>
internal static class Synth
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";

    /// <summary>A stack in 123456789012/eu-west-1 with what <paramref name="build"/> adds, and its template.</summary>
    public static JsonElement Template(Action<Stack> build)
    {
        var app = new App(new AppProps { Outdir = Directory.CreateTempSubdirectory("cdk-out-").FullName });
        var stack = new Stack(app, "Test", new StackProps { Env = new Amazon.CDK.Environment { Account = Account, Region = Region } });
        build(stack);
        return JsonSerializer.SerializeToElement(Amazon.CDK.Assertions.Template.FromStack(stack).ToJSON());
    }

    /// <summary>An empty <c>bootstrap</c> folder: the template is the same as with the published handler, and synth stays fast.</summary>
    public static Amazon.CDK.AWS.Lambda.Code HandlerStub()
    {
        var folder = Path.Combine(Path.GetTempPath(), "signed-delivery-handler-stub");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "bootstrap"), string.Empty);
        return KeyPairHandlerCode.FromDirectory(folder);
    }

    public static IEnumerable<(string Id, JsonElement Resource)> OfType(this JsonElement template, string type)
        => template.GetProperty("Resources").EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).Select(r => (r.Name, r.Value.Clone()));

    public static JsonElement Props(this JsonElement resource) => resource.GetProperty("Properties");

    public static IEnumerable<JsonElement> Statements(this JsonElement policyDocument) => policyDocument.GetProperty("Statement").EnumerateArray();

    /// <summary>A value's strings (one string or an array of them).</summary>
    public static string[] Strings(this JsonElement value)
        => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToArray() : [value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()];
}
