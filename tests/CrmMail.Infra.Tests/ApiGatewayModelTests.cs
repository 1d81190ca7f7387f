using System.Text.Json;
using System.Text.Json.Nodes;
using CrmMail.ApiDocs;
using CrmMail.Infra.Api;
using CrmMail.Routes;
using Microsoft.OpenApi;

namespace CrmMail.Infra.Tests;

/// <summary>
/// API Gateway validates request bodies with the OpenAPI document's own schemas: the model in
/// the synthesized template is the document's component, converted to draft 4, and the
/// methods that validate are exactly the operations the document says API Gateway validates.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ApiGatewayModelTests(StackFixture fixture)
{
    private const string Draft4 = "http://json-schema.org/draft-04/schema#";

    // Rule: the send-mail model in the synthesized template equals the document's SendMailRequest (as served at /openapi.json), read as draft 4.
    [Fact]
    public void Template_SendMailModel_EqualsTheDocumentsSchemaAsDraft4()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var model = template.OfType("AWS::ApiGateway::Model").Single().Resource.GetProperty("Properties").GetProperty("Schema");
        var document = JsonNode.Parse(ApiDocument.ToJson(ApiDocument.Build(RouteTable.All)))!;
        var expected = AsDraft4(document["components"]!["schemas"]![ApiSchemaIds.SendMailRequest]!.DeepClone());
        expected.AsObject()["$schema"] = Draft4;

        var actual = Normalized(JsonNode.Parse(model.GetRawText())!);

        Assert.True(JsonNode.DeepEquals(Normalized(expected), actual), "template model:\n" + actual.ToJsonString() + "\nfrom the document:\n" + Normalized(expected).ToJsonString());
    }

    // Rule: the methods API Gateway validates are exactly the operations the document marks as validated by the gateway.
    [Fact]
    public void Template_ValidatedMethods_AreTheDocumentsValidatedOperations()
    {
        var template = TemplateJson.Load(fixture.TemplatePath);
        var resources = template.Root.GetProperty("Resources");
        var validated = template.OfType("AWS::ApiGateway::Method")
            .Select(m => m.Resource.GetProperty("Properties"))
            .Where(m => m.TryGetProperty("RequestValidatorId", out _))
            .Select(m => (m.GetProperty("HttpMethod").GetString()!, PathOf(resources, m.GetProperty("ResourceId"))))
            .Order()
            .ToList();

        var documented = ApiOperations.All.Where(o => o.Value.ValidatedByGateway).Select(o => (o.Key.Method, o.Key.Path)).Order().ToList();

        Assert.NotEmpty(documented);
        Assert.Equal(documented, validated);
    }

    // Rule: nullable types become draft 4 type lists with "null", nested schemas convert too, and additionalProperties false survives.
    [Fact]
    public void From_NullableAndNested_ConvertsToDraft4()
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "a" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["a"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, MaxLength = 3 },
                ["b"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Boolean } },
            },
        };

        var sut = ApiGatewayModelSchema.From(schema);

        Assert.Equal(Amazon.CDK.AWS.APIGateway.JsonSchemaVersion.DRAFT4, sut.Schema);
        Assert.Equal(false, sut.AdditionalProperties);
        var a = (Amazon.CDK.AWS.APIGateway.JsonSchema)sut.Properties!["a"];
        Assert.Equal(new[] { Amazon.CDK.AWS.APIGateway.JsonSchemaType.STRING, Amazon.CDK.AWS.APIGateway.JsonSchemaType.NULL }, a.Type);
        Assert.Equal(3, a.MaxLength);
        var items = (Amazon.CDK.AWS.APIGateway.JsonSchema)((Amazon.CDK.AWS.APIGateway.JsonSchema)sut.Properties["b"]).Items!;
        Assert.Equal(Amazon.CDK.AWS.APIGateway.JsonSchemaType.BOOLEAN, items.Type);
    }

    // Rule: a keyword the conversion cannot carry is refused, never dropped (the model would silently be looser than the document).
    [Theory]
    [InlineData("allOf")]
    [InlineData("minimum")]
    [InlineData("reference")]
    public void From_UnsupportedKeyword_Throws(string keyword)
    {
        var inner = keyword switch
        {
            "allOf" => new OpenApiSchema { AllOf = [new OpenApiSchema { Type = JsonSchemaType.String }] },
            "minimum" => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            _ => (IOpenApiSchema)new OpenApiSchemaReference("Other"),
        };
        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema> { ["x"] = inner } };

        var sut = Assert.Throws<NotSupportedException>(() => ApiGatewayModelSchema.From(schema));

        Assert.Contains("#/properties/x", sut.Message, StringComparison.Ordinal);
    }

    /// <summary>OpenAPI 3.0's nullable as draft 4 reads it: a type list ending in "null".</summary>
    private static JsonNode AsDraft4(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            if (obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
            {
                obj.Remove("nullable");
                obj["type"] = new JsonArray(obj["type"]!.GetValue<string>(), "null");
            }

            foreach (var (_, child) in obj.ToList())
            {
                if (child is not null)
                {
                    AsDraft4(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    AsDraft4(child);
                }
            }
        }

        return node;
    }

    /// <summary>The same schema written in one order: required lists sorted (their order carries no meaning).</summary>
    private static JsonNode Normalized(JsonNode node)
    {
        var copy = node.DeepClone();
        Sort(copy);
        return copy;

        static void Sort(JsonNode current)
        {
            if (current is JsonObject obj)
            {
                if (obj["required"] is JsonArray required)
                {
                    obj["required"] = new JsonArray([.. required.Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).Select(r => (JsonNode)JsonValue.Create(r))]);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        Sort(child);
                    }
                }
            }
            else if (current is JsonArray array)
            {
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Sort(child);
                    }
                }
            }
        }
    }

    /// <summary>The resource path of a method's ResourceId, walking ParentId up to the API's root.</summary>
    private static string PathOf(JsonElement resources, JsonElement resourceId)
    {
        var parts = new List<string>();
        var current = TemplateJson.References(resourceId).First();
        while (resources.TryGetProperty(current, out var resource) && resource.GetProperty("Type").GetString() == "AWS::ApiGateway::Resource")
        {
            var properties = resource.GetProperty("Properties");
            parts.Insert(0, properties.GetProperty("PathPart").GetString()!);
            current = TemplateJson.References(properties.GetProperty("ParentId")).First();
        }

        return "/" + string.Join('/', parts);
    }
}
