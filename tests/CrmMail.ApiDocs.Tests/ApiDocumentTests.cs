using System.Text.Json.Nodes;
using CrmMail.Routes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CrmMail.ApiDocs.Tests;

public class ApiDocumentTests
{
    private static OpenApiDocument Sut() => ApiDocument.Build(RouteTable.All, new Uri("https://api.example.com/prod"));

    private static IEnumerable<(string Method, string Path, OpenApiOperation Operation)> Operations(OpenApiDocument document)
        => document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (o.Key.Method, p.Key, o.Value)));

    [Fact]
    public void Build_RouteTable_HasNoValidationErrors()
    {
        // Rule: the published document is valid OpenAPI by Microsoft.OpenApi's own validator (references resolve, required fields present).
        var sut = Sut();

        var errors = sut.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => e.Pointer + ": " + e.Message)));
    }

    [Fact]
    public void ToJson_ReadBack_HasNoDiagnosticErrorsAndTheSameOperations()
    {
        // Rule: the JSON we serve round-trips through the OpenAPI reader: parseable, no errors, nothing lost.
        var sut = Sut();

        var read = OpenApiDocument.Parse(ApiDocument.ToJson(sut), "json");

        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, read.Diagnostic.SpecificationVersion);
        Assert.Equal(
            Operations(sut).Select(o => (o.Method, o.Path, o.Operation.OperationId)).Order(),
            Operations(read.Document!).Select(o => (o.Method, o.Path, o.Operation.OperationId)).Order());
        Assert.Equal(sut.Components!.Schemas!.Keys.Order(StringComparer.Ordinal), read.Document!.Components!.Schemas!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()));
    }

    [Fact]
    public void Build_RouteTable_HasExactlyTheTablesOperations()
    {
        // Rule: every route of the table is documented and every documented operation is a route (method + path).
        var documented = Operations(Sut()).Select(o => (o.Method, o.Path)).Order().ToList();

        Assert.Equal(RouteTable.All.Select(r => (r.Method.ToUpperInvariant(), r.Path)).Order(), documented);
    }

    [Fact]
    public void Operations_EveryRoute_HasAnEntryAndNoEntryLacksARoute()
    {
        // Rule: the description registry and the route table name the same method + path pairs (no stale entry, no undocumented route).
        Assert.Equal(
            RouteTable.All.Select(r => (r.Method.ToUpperInvariant(), r.Path)).Order(),
            ApiOperations.All.Keys.Select(k => (k.Method, k.Path)).Order());
    }

    [Fact]
    public void Build_RouteWithoutEntry_ThrowsNamingTheRoute()
    {
        // Rule: a new route cannot be published undocumented: the builder names the route to describe.
        var route = new Route("POST", "/outreach/not-described", FunctionNames.SendMail, RequiresApiKey: false, ThrottleClass.Send);

        var sut = Assert.Throws<InvalidOperationException>(() => ApiDocument.Build([.. RouteTable.All, route]));

        Assert.Contains("POST /outreach/not-described", sut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ApiKeyDisagreement_Throws()
    {
        // Rule: the document never says a route needs no API key when API Gateway demands one (or the reverse).
        var route = RouteTable.All.Single(r => r.Path == "/send-mail") with { RequiresApiKey = false };

        Assert.Throws<InvalidOperationException>(() => ApiDocument.Build([route]));
    }

    [Theory]
    [InlineData("POST", "/send-mail", ApiDocument.ApiKeyScheme)]
    [InlineData("POST", "/financial/add-contact", ApiDocument.FirebaseBearerScheme)]
    [InlineData("POST", "/outreach/send-email", ApiDocument.FirebaseBearerScheme)]
    [InlineData("POST", "/outreach/send-template-email", ApiDocument.FirebaseBearerScheme)]
    [InlineData("GET", "/spaces/{spaceId}/images", ApiDocument.FirebaseBearerScheme)]
    [InlineData("POST", "/spaces/{spaceId}/uploads", ApiDocument.FirebaseBearerScheme)]
    public void Build_AuthenticatedRoute_RequiresItsScheme(string method, string path, string scheme)
    {
        // Rule: send-mail needs the x-api-key header, add-contact a Firebase bearer token, as the document's security says.
        var operation = Operations(Sut()).Single(o => o.Method == method && o.Path == path).Operation;

        Assert.Contains(operation.Security!, r => r.Keys.Any(k => k.Reference.Id == scheme));
    }

    [Fact]
    public void Build_EveryOperation_HasTheSecurityOfItsRoutesAuth()
    {
        // Rule: each operation's security requirement is exactly its route's auth: API key routes the ApiKey scheme, Firebase routes
        // the bearer scheme (add-contact optionally, for the body's resubscribe token), unsubscribe, preflight and the webhook none.
        var sut = Sut();
        foreach (var route in RouteTable.All)
        {
            var operation = Operations(sut).Single(o => o.Method == route.Method.ToUpperInvariant() && o.Path == route.Path).Operation;
            var schemes = (operation.Security ?? []).Select(r => string.Join(',', r.Keys.Select(k => k.Reference.Id))).ToList();
            var expected = ApiOperations.Find(route)!.Auth switch
            {
                ApiAuth.ApiKey => new[] { ApiDocument.ApiKeyScheme },
                ApiAuth.FirebaseBearer => [ApiDocument.FirebaseBearerScheme],
                ApiAuth.FirebaseBearerOrBodyToken => [ApiDocument.FirebaseBearerScheme, string.Empty],
                _ => [],
            };
            Assert.Equal(expected, schemes);
            Assert.Equal(route.RequiresApiKey, schemes.Contains(ApiDocument.ApiKeyScheme));
        }
    }

    [Fact]
    public void Build_UnsubscribeAndWebhook_NeedNoSecurityScheme_WebhookDescribesItsSignature()
    {
        // Rule: unsubscribe links and one-click posts carry no credential but their token; Mailgun's HMAC is stated in the webhook operation.
        var operations = Operations(Sut()).ToList();

        Assert.All(operations.Where(o => o.Path.EndsWith("/unsubscribe", StringComparison.Ordinal)), o => Assert.Empty(o.Operation.Security!));
        var webhook = operations.Single(o => o.Path == "/outreach/webhook").Operation;
        Assert.Empty(webhook.Security!);
        Assert.Contains("HMAC-SHA256", webhook.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ErrorResponses_ReferenceTheOperationsErrorSchema()
    {
        // Rule: every 4xx/5xx with a body references the operation's error schema (the suite's ErrorBody, or the CRM shape the route keeps);
        // only API Gateway's own refusals (403 key, 429 throttle) are GatewayError, and send-mail's 502 carries the per-recipient results.
        var sut = Sut();
        foreach (var route in RouteTable.All)
        {
            var described = ApiOperations.Find(route)!;
            var operation = Operations(sut).Single(o => o.Method == route.Method.ToUpperInvariant() && o.Path == route.Path).Operation;
            foreach (var (status, response) in operation.Responses!.Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = Assert.IsType<OpenApiSchemaReference>(response.Content!["application/json"].Schema);
                var allowed = (route.Path, status) switch
                {
                    (_, "403" or "429") => new[] { described.ErrorSchemaId, ApiSchemaIds.GatewayError },
                    ("/send-mail", "502") => [ApiSchemaIds.SendMailResponse],
                    _ => [described.ErrorSchemaId],
                };
                Assert.Contains(schema.Reference.Id, allowed);
            }
        }
    }

    [Fact]
    public void Build_SuiteRoutes_AnswerErrorsInTheSuitesErrorBody()
    {
        // Rule: send-mail and one-click unsubscribe errors are {"error":{"code","message","details"}}, and that component says so.
        Assert.Equal(ApiSchemaIds.ErrorBody, ApiOperations.All[("POST", "/send-mail")].ErrorSchemaId);
        Assert.Equal(ApiSchemaIds.ErrorBody, ApiOperations.All[("POST", "/financial/unsubscribe")].ErrorSchemaId);
        var error = ApiSchemas.Get(ApiSchemaIds.ErrorBody).Properties!["error"];
        Assert.Equal(["code", "details", "message"], error.Properties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["code", "message"], error.Required!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Schemas_CrmOutreachContracts_KeepTheCrmsFields()
    {
        // Rule: the outreach components keep the CRM's OpenAPI contract (shared/seeds): field names and required lists as the CRM wrote them.
        static string[] Fields(string id) => [.. ApiSchemas.Get(id).Properties!.Keys.Order(StringComparer.Ordinal)];

        Assert.Equal(["customVariables", "from", "html", "replyTo", "subject", "tags", "text", "to", "trackingSettings"], Fields(ApiSchemaIds.SendEmailRequest));
        Assert.Equal(["from", "replyTo", "subject", "tags", "template", "templateVariables", "to", "trackingSettings"], Fields(ApiSchemaIds.SendTemplateEmailRequest));
        Assert.Equal(["data", "message", "messageId", "success", "timestamp", "version"], Fields(ApiSchemaIds.EmailResponse));
        Assert.Equal(["error", "success", "timestamp", "version"], Fields(ApiSchemaIds.ErrorResponse));
        Assert.Equal(["subject", "to"], ApiSchemas.Get(ApiSchemaIds.SendEmailRequest).Required!.Order(StringComparer.Ordinal));
        Assert.Equal(["template", "to"], ApiSchemas.Get(ApiSchemaIds.SendTemplateEmailRequest).Required!.Order(StringComparer.Ordinal));
        Assert.Equal(998, ApiSchemas.Get(ApiSchemaIds.SendEmailRequest).Properties!["subject"].MaxLength);
    }

    [Fact]
    public void ToJson_SendMailOperation_ReferencesTheSendMailRequestSchema()
    {
        // Rule: the document's send-mail body is the SendMailRequest component, the schema API Gateway validates with.
        var json = JsonNode.Parse(ApiDocument.ToJson(Sut()))!;

        var reference = json["paths"]!["/send-mail"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();

        Assert.Equal("#/components/schemas/" + ApiSchemaIds.SendMailRequest, reference);
        Assert.StartsWith("3.0.", json["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
