using System.Globalization;
using CrmMail.ApiDocs;
using CrmMail.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace CrmMail.LocalSuite.Pages;

/// <summary>
/// The API reference: <c>/openapi.json</c> (the suite's OpenAPI 3 document, with this server's
/// API root as its server) and <c>/docs</c>, the same document rendered on the server as plain
/// HTML (every operation with its auth, parameters, body and answers, then every schema). No
/// script and nothing fetched from elsewhere: the page works offline.
/// </summary>
internal sealed class ApiDocsPages(Func<Uri> apiUrl)
{
    public Task OpenApiJsonAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(ApiDocument.ToJson(Document()));
    }

    public Task DocsAsync(HttpContext context)
    {
        var document = Document();
        var body = new Html()
            .Raw("<div class=\"card\"><p>");
        Prose(body, document.Info.Description);
        body.Raw("</p><p>Server: <code>")
            .Text(document.Servers![0].Url)
            .Raw("</code> · machine-readable: ")
            .Link("/openapi.json", "/openapi.json")
            .Raw(" (OpenAPI ")
            .Text("3.0")
            .Raw(") · also <code>crm-mail openapi --out FILE</code></p></div>");

        body.Element("h2", "Operations").Raw("<table id=\"operations\">").HeaderRow("Method", "Path", "Summary", "Auth");
        foreach (var (method, path, operation) in Operations(document))
        {
            body.Raw("<tr><td>").Text(method).Raw("</td><td>").Link("#" + operation.OperationId, path).Raw("</td><td>").Text(operation.Summary).Raw("</td><td>").Text(Auth(operation)).Raw("</td></tr>");
        }

        body.Raw("</table>");
        foreach (var (method, path, operation) in Operations(document))
        {
            Operation(body, method, path, operation);
        }

        body.Element("h2", "Security schemes").Raw("<table id=\"security-schemes\">").HeaderRow("Name", "Type", "Details");
        foreach (var (name, scheme) in document.Components!.SecuritySchemes!)
        {
            var details = scheme.Type == SecuritySchemeType.ApiKey ? "header " + scheme.Name : scheme.Scheme + " (" + scheme.BearerFormat + ")";
            body.Row(name, scheme.Type?.ToString(), details + ": " + scheme.Description);
        }

        body.Raw("</table>").Element("h2", "Schemas");
        foreach (var (name, schema) in document.Components.Schemas!)
        {
            body.Raw("<section class=\"card\" id=\"schema-").Text(name).Raw("\">").Element("h3", name);
            if (schema.Description is { } description)
            {
                body.Raw("<p>");
                Prose(body, description);
                body.Raw("</p>");
            }

            Properties(body, schema);
            body.Raw("</section>");
        }

        return WriteAsync(context, Html.Page("API reference", body));
    }

    /// <summary>Description text with its `code` spans as code; everything else encoded.</summary>
    private static void Prose(Html body, string? text)
    {
        var parts = (text ?? string.Empty).Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            // An odd part sits between two backticks (an unmatched last one stays text).
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                body.Raw("<code>").Text(parts[i]).Raw("</code>");
            }
            else
            {
                body.Text(i % 2 == 1 ? "`" + parts[i] : parts[i]);
            }
        }
    }

    private OpenApiDocument Document() => ApiDocument.Build(RouteTable.All, apiUrl());

    private static IEnumerable<(string Method, string Path, OpenApiOperation Operation)> Operations(OpenApiDocument document)
        => document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (o.Key.Method, p.Key, o.Value)));

    private static void Operation(Html body, string method, string path, OpenApiOperation operation)
    {
        body.Raw("<section class=\"card operation\" id=\"").Text(operation.OperationId).Raw("\">")
            .Raw("<h3><code>").Text(method + " " + path).Raw("</code> ").Text(operation.Summary).Raw("</h3>")
            .Raw("<p><strong>Auth:</strong> ").Text(Auth(operation))
            .Raw(" · <strong>Function:</strong> ").Text(Extension(operation, ApiDocument.FunctionExtension))
            .Raw("</p><p>");
        Prose(body, operation.Description);
        body.Raw("</p>");
        if (operation.Parameters is { Count: > 0 } parameters)
        {
            body.Element("h4", "Parameters").Raw("<table>").HeaderRow("Name", "In", "Required", "Description");
            foreach (var parameter in parameters)
            {
                body.Row(parameter.Name, parameter.In?.ToString().ToLowerInvariant(), parameter.Required ? "yes" : "no", parameter.Description);
            }

            body.Raw("</table>");
        }

        if (operation.RequestBody is { Content: { } content })
        {
            body.Element("h4", "Request body").Raw("<p>");
            foreach (var (mediaType, media) in content)
            {
                body.Raw("<code>").Text(mediaType).Raw("</code> ");
                SchemaName(body, media.Schema);
                body.Raw("<br>");
            }

            body.Raw("</p>");
        }

        body.Element("h4", "Responses").Raw("<table class=\"responses\">").HeaderRow("Status", "Description", "Body", "Headers");
        foreach (var (status, response) in operation.Responses!)
        {
            body.Raw("<tr><td>").Text(status).Raw("</td><td>").Text(response.Description).Raw("</td><td>");
            if (response.Content?.TryGetValue("application/json", out var json) == true)
            {
                SchemaName(body, json.Schema);
            }

            body.Raw("</td><td>").Text(string.Join(", ", response.Headers?.Select(h => h.Key + ": " + h.Value.Description) ?? [])).Raw("</td></tr>");
        }

        body.Raw("</table></section>");
    }

    private static string? Extension(OpenApiOperation operation, string name)
        => operation.Extensions is { } extensions && extensions.TryGetValue(name, out var value) ? ((JsonNodeExtension)value).Node.ToString() : null;

    private static string Auth(OpenApiOperation operation)
    {
        var requirements = operation.Security ?? [];
        if (requirements.Count == 0)
        {
            return Extension(operation, ApiDocument.AuthExtension) == nameof(ApiAuth.MailgunSignature) ? "Mailgun signature (HMAC in the body)" : "none";
        }

        return string.Join(" or ", requirements.Select(r => r.Count == 0 ? "none" : string.Join(" + ", r.Keys.Select(k => k.Reference.Id))));
    }

    private static void SchemaName(Html body, IOpenApiSchema? schema)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            body.Link("#schema-" + reference.Reference.Id, reference.Reference.Id);
        }
        else if (schema is not null)
        {
            body.Text(TypeOf(schema));
        }
    }

    private static void Properties(Html body, IOpenApiSchema schema)
    {
        if (schema.Properties is not { Count: > 0 } properties)
        {
            body.Element("p", TypeOf(schema));
            return;
        }

        body.Raw("<table class=\"fit\">").HeaderRow("Property", "Type", "Required", "Rules", "Description");
        foreach (var (name, property) in properties)
        {
            body.Raw("<tr><td><code>").Text(name).Raw("</code></td><td>").Text(TypeOf(property))
                .Raw("</td><td>").Text(schema.Required?.Contains(name) == true ? "yes" : "no")
                .Raw("</td><td>").Text(Rules(property))
                .Raw("</td><td>").Text(property.Description);
            if (property.Properties is { Count: > 0 } || property.Items?.Properties is { Count: > 0 })
            {
                Properties(body, property.Items?.Properties is { Count: > 0 } ? property.Items : property);
            }

            body.Raw("</td></tr>");
        }

        body.Raw("</table>");
    }

    private static string TypeOf(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference reference)
        {
            return reference.Reference.Id!;
        }

        if (schema.OneOf is { Count: > 0 } oneOf)
        {
            return "one of: " + string.Join(" | ", oneOf.Select(TypeOf));
        }

        var type = schema.Type is { } flags ? string.Join(" or ", flags.ToIdentifiers()) : "any";
        if (schema.Items is { } items)
        {
            type = type.Replace("array", "array of " + TypeOf(items), StringComparison.Ordinal);
        }

        if (schema.AdditionalProperties is { } values)
        {
            type += " (map of " + TypeOf(values) + ")";
        }

        return schema.Format is { } format ? type + " (" + format + ")" : type;
    }

    private static string Rules(IOpenApiSchema schema)
    {
        var rules = new List<string>();
        if (schema.Enum is { Count: > 0 } values)
        {
            rules.Add("one of " + string.Join(", ", values.Select(v => v?.ToJsonString())));
        }

        if (schema.MinLength is { } minLength)
        {
            rules.Add("min length " + minLength.ToString(CultureInfo.InvariantCulture));
        }

        if (schema.MaxLength is { } maxLength)
        {
            rules.Add("max length " + maxLength.ToString(CultureInfo.InvariantCulture));
        }

        if (schema.MinItems is { } minItems)
        {
            rules.Add("at least " + minItems.ToString(CultureInfo.InvariantCulture) + " item(s)");
        }

        return string.Join("; ", rules);
    }

    private static Task WriteAsync(HttpContext context, string page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(page);
    }
}
