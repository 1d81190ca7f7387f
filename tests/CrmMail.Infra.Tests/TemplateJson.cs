using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmMail.Infra.Tests;

/// <summary>Reads a synthesized template: resources by type, the logical ids a value refers to, a function's role policy.</summary>
internal sealed partial class TemplateJson(JsonElement root)
{
    public static TemplateJson Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public JsonElement Root { get; } = root;

    public IEnumerable<(string Id, JsonElement Resource)> OfType(string type)
        => Root.GetProperty("Resources").EnumerateObject().Where(r => r.Value.GetProperty("Type").GetString() == type).Select(r => (r.Name, r.Value));

    /// <summary>
    /// The suite's function named <paramref name="name"/>, by the description AotFunction gives it
    /// ("CRM Mail NAME"), not its logical id: a construct id may differ from the name (CampaignApi).
    /// </summary>
    public (string Id, JsonElement Resource) Function(string name)
        => OfType("AWS::Lambda::Function").Single(f => f.Resource.GetProperty("Properties").TryGetProperty("Description", out var description) && description.GetString() == "CRM Mail " + name);

    public Dictionary<string, JsonElement> Environment(string function)
        => Function(function).Resource.GetProperty("Properties").GetProperty("Environment").GetProperty("Variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>The statements of a function's role policy.</summary>
    public IEnumerable<JsonElement> Statements(string function)
        => Policies(function).SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

    /// <summary>The policies attached to the role of the function named <paramref name="function"/>.</summary>
    public IEnumerable<(string Id, JsonElement Resource)> Policies(string function)
    {
        var role = References(Function(function).Resource.GetProperty("Properties").GetProperty("Role")).Single();
        return OfType("AWS::IAM::Policy").Where(p => References(p.Resource.GetProperty("Properties").GetProperty("Roles")).Contains(role));
    }

    public static IEnumerable<string> Strings(JsonElement value)
        => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : a.GetRawText()) : [value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()];

    public static IEnumerable<JsonElement> Elements(JsonElement value)
        => value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    /// <summary>The logical ids a value refers to (Ref and Fn::GetAtt), in order.</summary>
    public static IReadOnlyList<string> References(JsonElement value)
        => ReferencePattern().Matches(value.GetRawText()).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct().ToList();

    [GeneratedRegex("\"Ref\":\\s*\"([A-Za-z0-9]+)\"|\"Fn::GetAtt\":\\s*\\[\\s*\"([A-Za-z0-9]+)\"")]
    private static partial Regex ReferencePattern();
}
