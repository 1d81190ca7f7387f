using System.Text.Json;
using System.Text.RegularExpressions;
using CrmMail.Mail.Validation;
using CrmMail.Tests.Shared;

namespace CrmMail.Infra.Tests;

/// <summary>
/// The send-mail model's JSON schema (as synthesized) never refuses what the function accepts:
/// API Gateway checks it before the function runs, so a stricter schema would turn valid CRM
/// requests into 400s that the function never sees.
/// </summary>
[Trait("Category", "Integration")]
[Collection(StackCollection.Name)]
public sealed partial class SendMailSchemaTests(StackFixture fixture)
{
    private const string Minimal = """{"to":["a@example.com"],"subject":"S","html":"<p>x</p>","text":"x","from":"news@example.com","campaign":{"name":"n","type":"newsletter"}}""";

    // Requests the function accepts at the edges of each field's rules, beside the README's example.
    private static readonly string[] EdgeCases =
    [
        // The README's documented example.
        """
        {"to":["payee@example.com"],"subject":"Your August 2025 statement","html":"<p>…</p>","text":"…",
         "from":"Reports <reports@example.com>","replyTo":"support@example.com",
         "campaign":{"name":"Statements 2025-08","type":"financial","month":"08","year":"2025"},
         "attachReporting":true,"customIds":["DN-10042"]}
        """,
        Minimal,
        // Month and year as numbers, and at the top level instead of in campaign.
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"financial","month":8,"year":2025},"attachReporting":true,"customIds":["A_1","b-2"]}""",
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"financial"},"month":"8","year":2025,"attachReporting":true,"customIds":["A"]}""",
        // Explicit nulls where the function reads "absent".
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","replyTo":null,"campaign":{"name":"n","type":"newsletter","month":null,"year":null},"attachReporting":null,"customIds":null,"month":null,"year":null}""",
        // Without attachReporting, customIds, month and year are not read: anything passes.
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"newsletter","month":true,"year":{"y":1}},"attachReporting":false,"customIds":[null,"../etc"],"month":[1],"year":"later"}""",
        // Unknown properties are ignored by the function, at the top level and in campaign.
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"newsletter","id":42},"tags":["x"],"priority":1}""",
        // Display names, an internationalised domain and duplicates (sent once).
        """{"to":["a@example.com","A@example.com","kaeufer@bücher.example"],"subject":"S","html":"h","text":"t","from":"\"Dave \\\"The Boss\\\" Smith\" <boss@example.com>","replyTo":"Zoë Müller <z@example.com>","campaign":{"name":"n","type":"newsletter"}}""",
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"Smith, John <reports@example.com>","campaign":{"name":"n","type":"newsletter"}}""",
        // Bodies with surrounding white space (only all-white-space is refused).
        """{"to":["a@example.com"],"subject":" S ","html":" <p>x</p> ","text":" x ","from":"r@example.com","campaign":{"name":" n ","type":"newsletter"}}""",
        // Longest subject and campaign name, in ASCII and in characters outside the BMP (two UTF-16 units each).
        Body("subject", new string('s', 998)),
        Body("subject", string.Concat(Enumerable.Repeat("😀", 499))),
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"NAME","type":"newsletter"}}""".Replace("NAME", new string('n', 256), StringComparison.Ordinal),
    ];

    // Requests both refuse: the schema does refuse something (it is not vacuous).
    private static readonly string[] Refused =
    [
        """{"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"newsletter"}}""",
        """{"to":[],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"newsletter"}}""",
        """{"to":["a@example.com"],"subject":"","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"newsletter"}}""",
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"spam"}}""",
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com"}""",
        """{"to":["a@example.com"],"subject":"S","html":"h","text":"t","from":"r@example.com","campaign":{"name":"n","type":"newsletter"},"attachReporting":"yes"}""",
        Body("subject", new string('s', 999)),
    ];

    // Rule: every request the function accepts (the SendMail tests' request bodies, the README's example and the edge cases above) passes the synthesized schema.
    [Fact]
    public async Task Schema_AcceptsEveryRequestTheFunctionAccepts()
    {
        var schema = await Schema();
        var fromTests = SendMailTestBodies().ToList();
        var accepted = fromTests.Concat(EdgeCases).Where(FunctionAccepts).ToList();

        // The SendMail tests hold many valid bodies; finding few means the scan broke, not that all is well.
        Assert.True(fromTests.Count(FunctionAccepts) >= 8, $"only {fromTests.Count(FunctionAccepts)} valid bodies found in the SendMail tests");
        Assert.All(EdgeCases, body => Assert.True(FunctionAccepts(body), "edge case the function refuses: " + body));
        var refusedBySchema = accepted.Select(body => (body, errors: schema.Validate(body))).Where(r => r.errors.Count > 0).ToList();
        Assert.True(refusedBySchema.Count == 0, string.Join('\n', refusedBySchema.Select(r => string.Join("; ", r.errors.Select(e => e.ToString())) + " ← " + r.body)));
    }

    // Rule: the schema refuses requests with a missing or mistyped required field, which the function refuses too.
    [Fact]
    public async Task Schema_RefusesWhatTheFunctionRefusesForShape()
    {
        var schema = await Schema();
        Assert.All(Refused, body =>
        {
            Assert.False(FunctionAccepts(body), "the function accepts: " + body);
            Assert.NotEmpty(schema.Validate(body));
        });
    }

    private async Task<NJsonSchema.JsonSchema> Schema()
    {
        var model = TemplateJson.Load(fixture.TemplatePath).OfType("AWS::ApiGateway::Model").Single().Resource.GetProperty("Properties").GetProperty("Schema");
        return await NJsonSchema.JsonSchema.FromJsonAsync(model.GetRawText());
    }

    /// <summary>Whether send-mail's parser and validator accept the body, at the widest limits (the schema must hold for every setting).</summary>
    private static bool FunctionAccepts(string body)
    {
        SendMailRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(body, SendMailJsonContext.Default.SendMailRequest);
        }
        catch (JsonException)
        {
            return false;
        }

        return request is not null && new SendMailValidator(1000, 10 * 1024 * 1024, 100).Validate(request).IsValid;
    }

    /// <summary>Every JSON object written as a raw string literal in the SendMail function's tests.</summary>
    private static IEnumerable<string> SendMailTestBodies()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "CrmMail.Functions.SendMail.Tests");
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
        {
            foreach (Match match in RawJsonLiteral().Matches(File.ReadAllText(file)))
            {
                var text = match.Groups[1].Value.Trim();
                if (IsJsonObject(text))
                {
                    yield return text;
                }
            }
        }
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Body(string field, string value)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Minimal)!.ToDictionary(p => p.Key, p => (object)p.Value);
        body[field] = value;
        return JsonSerializer.Serialize(body);
    }

    [GeneratedRegex("\"\"\"\\s*(\\{.*?\\})\\s*\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawJsonLiteral();
}
