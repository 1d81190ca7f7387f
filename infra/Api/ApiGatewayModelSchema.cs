using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.AWS.APIGateway;
using Microsoft.OpenApi;
using CdkSchemaType = Amazon.CDK.AWS.APIGateway.JsonSchemaType;
using OpenApiType = Microsoft.OpenApi.JsonSchemaType;

namespace CrmMail.Infra.Api;

/// <summary>
/// Turns a schema of the OpenAPI document (CrmMail.ApiDocs) into the JSON schema draft 4 that
/// API Gateway's request models read, so the gateway validates with the very schema the
/// document publishes. A nullable type becomes a type list with "null" (draft 4 has no
/// nullable). A keyword it cannot carry over is refused, never dropped: a model must not be
/// looser or stricter than the document without anyone noticing.
/// </summary>
public static class ApiGatewayModelSchema
{
    /// <summary>The draft 4 model of <paramref name="schema"/>, marked with <c>$schema</c> draft 4.</summary>
    /// <exception cref="NotSupportedException">The schema uses a keyword this conversion does not carry (a reference, allOf, anyOf, not, numeric bounds, …).</exception>
    public static JsonSchema From(IOpenApiSchema schema)
    {
        var model = Convert(schema, "#");
        model.Schema = JsonSchemaVersion.DRAFT4;
        return model;
    }

    private static JsonSchema Convert(IOpenApiSchema schema, string at)
    {
        if (schema is not OpenApiSchema source)
        {
            throw new NotSupportedException(at + ": a schema reference; API Gateway models here are self-contained, write the schema inline.");
        }

        RefuseUnsupported(source, at);
        return new JsonSchema
        {
            Title = source.Title,
            Description = source.Description,
            Type = Types(source.Type),
            Format = source.Format,
            Pattern = source.Pattern,
            MinLength = source.MinLength,
            MaxLength = source.MaxLength,
            MinItems = source.MinItems,
            MaxItems = source.MaxItems,
            Required = source.Required is { Count: > 0 } required ? [.. required] : null,
            Enum = source.Enum is { Count: > 0 } values ? [.. values.Select(v => Value(v, at))] : null,
            Items = source.Items is null ? null : Convert(source.Items, at + "/items"),
            OneOf = source.OneOf is { Count: > 0 } oneOf ? [.. oneOf.Select((s, i) => (IJsonSchema)Convert(s, at + "/oneOf/" + i))] : null,
            Properties = source.Properties is { Count: > 0 } properties
                ? properties.ToDictionary(p => p.Key, p => (IJsonSchema)Convert(p.Value, at + "/properties/" + p.Key), StringComparer.Ordinal)
                : null,
            // additionalProperties: a schema, or false; true is draft 4's default and is left out.
            AdditionalProperties = source.AdditionalProperties is { } additional
                ? Convert(additional, at + "/additionalProperties")
                : source.AdditionalPropertiesAllowed ? null : false,
        };
    }

    private static object? Types(OpenApiType? type)
    {
        if (type is not { } flags)
        {
            return null;
        }

        // Draft 4 lists the types; the non-null ones first, "null" last, as a person writes them.
        var types = new (OpenApiType Flag, CdkSchemaType Cdk)[]
        {
            (OpenApiType.Object, CdkSchemaType.OBJECT),
            (OpenApiType.Array, CdkSchemaType.ARRAY),
            (OpenApiType.String, CdkSchemaType.STRING),
            (OpenApiType.Integer, CdkSchemaType.INTEGER),
            (OpenApiType.Number, CdkSchemaType.NUMBER),
            (OpenApiType.Boolean, CdkSchemaType.BOOLEAN),
            (OpenApiType.Null, CdkSchemaType.NULL),
        }.Where(t => flags.HasFlag(t.Flag)).Select(t => t.Cdk).ToArray();
        return types.Length == 1 ? types[0] : types;
    }

    private static object Value(JsonNode? value, string at) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValueKind.Number => value.GetValue<double>(),
        _ => throw new NotSupportedException(at + "/enum: only string, boolean and number values."),
    };

    private static void RefuseUnsupported(OpenApiSchema source, string at)
    {
        var unsupported = new (string Keyword, bool Present)[]
        {
            ("allOf", source.AllOf is { Count: > 0 }),
            ("anyOf", source.AnyOf is { Count: > 0 }),
            ("not", source.Not is not null),
            ("const", source.Const is not null),
            ("minimum", source.Minimum is not null),
            ("maximum", source.Maximum is not null),
            ("exclusiveMinimum", source.ExclusiveMinimum is not null),
            ("exclusiveMaximum", source.ExclusiveMaximum is not null),
            ("multipleOf", source.MultipleOf is not null),
            ("uniqueItems", source.UniqueItems is not null),
            ("minProperties", source.MinProperties is not null),
            ("maxProperties", source.MaxProperties is not null),
            ("patternProperties", source.PatternProperties is { Count: > 0 }),
            ("discriminator", source.Discriminator is not null),
            ("dependentRequired", source.DependentRequired is { Count: > 0 }),
        }.Where(k => k.Present).Select(k => k.Keyword).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException(at + ": " + string.Join(", ", unsupported) + " not carried into API Gateway models (extend ApiGatewayModelSchema and its test first).");
        }
    }
}
