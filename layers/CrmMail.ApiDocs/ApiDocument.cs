using System.Globalization;
using System.Text.Json.Nodes;
using CrmMail.Routes;
using Microsoft.OpenApi;

namespace CrmMail.ApiDocs;

/// <summary>
/// The suite's OpenAPI 3 document, built from the route table: one operation per route, its
/// description from <see cref="ApiOperations"/>, its schemas from <see cref="ApiSchemas"/>. Only
/// tools and the CDK app build it; no function carries it.
/// </summary>
public static class ApiDocument
{
    /// <summary>The security scheme of <see cref="ApiAuth.ApiKey"/>: the <c>x-api-key</c> header.</summary>
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>The security scheme of <see cref="ApiAuth.FirebaseBearer"/>: a Firebase ID token (JWT) as Bearer.</summary>
    public const string FirebaseBearerScheme = "FirebaseBearer";

    /// <summary>The document's version (the <c>version</c> field of the API's replies).</summary>
    public const string Version = "1.0";

    /// <summary>The extension naming the function behind each operation.</summary>
    public const string FunctionExtension = "x-crm-function";

    /// <summary>The extension naming each operation's <see cref="ApiAuth"/> (the Mailgun signature has no OpenAPI security scheme).</summary>
    public const string AuthExtension = "x-crm-auth";

    /// <summary>
    /// The document for <paramref name="routes"/> (normally <see cref="RouteTable.All"/>), with
    /// <paramref name="server"/> as its one server when given (the stage's base URL).
    /// </summary>
    /// <exception cref="InvalidOperationException">A route has no entry in <see cref="ApiOperations"/>.</exception>
    public static OpenApiDocument Build(IEnumerable<Route> routes, Uri? server = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "CRM Mail API",
                Version = Version,
                Description = "Every route of the CRM Mail suite: sending (API key), unsubscribe links and one-click (the signed token is the credential), "
                    + "contacts and outreach (Firebase ID token), and Mailgun's webhook (signature in the body). The suite's own errors are "
                    + "`{\"error\":{\"code\",\"message\",\"details\"}}`; routes that keep a CRM contract answer the CRM's shapes.",
            },
            Servers = server is null ? [] : [new OpenApiServer { Url = server.AbsoluteUri.TrimEnd('/'), Description = "This stage" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = ApiSchemas.All().ToDictionary(s => s.Key, s => (IOpenApiSchema)s.Value, StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [ApiKeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = "x-api-key",
                        Description = "API Gateway's usage-plan key (the CRM's key for send-mail).",
                    },
                    [FirebaseBearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        BearerFormat = "JWT",
                        Description = "A Firebase ID token (RS256, audience and issuer of the deployment's Firebase project), verified by the function.",
                    },
                },
            },
        };

        // References (schemas, security schemes, tags) resolve through the document's workspace.
        document.RegisterComponents();
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var described = ApiOperations.Find(route)
                ?? throw new InvalidOperationException($"{route.Method} {route.Path} has no entry in ApiOperations: describe the route there (summary, auth, request, responses).");
            if ((described.Auth == ApiAuth.ApiKey) != route.RequiresApiKey)
            {
                throw new InvalidOperationException($"{route.Method} {route.Path}: the route table says RequiresApiKey={route.RequiresApiKey}, its ApiOperations entry says {described.Auth}.");
            }

            if (!document.Paths.TryGetValue(route.Path, out var pathItem))
            {
                pathItem = new OpenApiPathItem { Operations = [] };
                document.Paths[route.Path] = pathItem;
            }

            tags.Add(described.Tag);
            ((OpenApiPathItem)pathItem).AddOperation(HttpMethod.Parse(route.Method), Operation(document, route, described));
        }

        document.Tags = new HashSet<OpenApiTag>(tags.Select(t => new OpenApiTag { Name = t }));
        return document;
    }

    /// <summary>The document as OpenAPI 3.0 JSON (the version the CRM's own document uses).</summary>
    public static string ToJson(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV3(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    /// <summary>The security requirements of <paramref name="auth"/> (empty: none).</summary>
    public static IList<OpenApiSecurityRequirement> Security(OpenApiDocument document, ApiAuth auth)
    {
        OpenApiSecurityRequirement Requirement(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
        return auth switch
        {
            ApiAuth.ApiKey => [Requirement(ApiKeyScheme)],
            ApiAuth.FirebaseBearer => [Requirement(FirebaseBearerScheme)],
            // An empty requirement: the Bearer is optional (the body's resubscribe token instead).
            ApiAuth.FirebaseBearerOrBodyToken => [Requirement(FirebaseBearerScheme), new OpenApiSecurityRequirement()],
            ApiAuth.None or ApiAuth.MailgunSignature => [],
            _ => throw new ArgumentOutOfRangeException(nameof(auth)),
        };
    }

    private static OpenApiOperation Operation(OpenApiDocument document, Route route, ApiOperation described)
    {
        var operation = new OpenApiOperation
        {
            OperationId = OperationId(route),
            Summary = described.Summary,
            Description = described.Description,
            Tags = new HashSet<OpenApiTagReference> { new(described.Tag, document) },
            Security = Security(document, described.Auth),
            Parameters = described.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
            {
                Name = p.Name,
                In = p.In,
                Required = p.Required,
                Description = p.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            }).ToList(),
            Responses = [],
            Extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
            {
                [FunctionExtension] = new JsonNodeExtension(JsonValue.Create(route.Function)),
                [AuthExtension] = new JsonNodeExtension(JsonValue.Create(described.Auth.ToString())),
            },
        };
        if (described.RequestSchemaId is { } requestSchema)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = described.RequestContentTypes.ToDictionary(t => t, _ => (IOpenApiMediaType)new OpenApiMediaType { Schema = new OpenApiSchemaReference(requestSchema, document) }, StringComparer.Ordinal),
            };
        }

        foreach (var response in described.Responses)
        {
            operation.Responses[response.Status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = response.Description,
                Content = response.SchemaId is null ? null : new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(response.SchemaId, document) } },
                Headers = response.Headers?.ToDictionary(h => h.Key, h => (IOpenApiHeader)new OpenApiHeader { Description = h.Value, Schema = new OpenApiSchema { Type = JsonSchemaType.String } }, StringComparer.Ordinal),
            };
        }

        return operation;
    }

    // post /financial/add-contact → postFinancialAddContact: unique per method and path.
    private static string OperationId(Route route)
    {
        var words = route.Path.Split(['/', '-', '{', '}'], StringSplitOptions.RemoveEmptyEntries);
        return route.Method.ToLowerInvariant() + string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
