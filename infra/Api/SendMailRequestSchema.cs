using Amazon.CDK.AWS.APIGateway;
using CrmMail.ApiDocs;

namespace CrmMail.Infra.Api;

/// <summary>
/// POST /send-mail's API Gateway model: the OpenAPI document's SendMailRequest schema
/// (CrmMail.ApiDocs), converted to JSON schema draft 4. It checks only shape; the function
/// keeps the rules a schema cannot state (tests/CrmMail.Infra.Tests/SendMailSchemaTests proves
/// that everything the function accepts passes).
/// </summary>
public static class SendMailRequestSchema
{
    /// <summary>The model's schema: one source with the published document.</summary>
    public static JsonSchema Build() => ApiGatewayModelSchema.From(ApiSchemas.Get(ApiSchemaIds.SendMailRequest));

    /// <summary>The body API Gateway answers when the schema refuses a request: the contract's error shape and code.</summary>
    public const string RejectionBody = "{\"error\":{\"code\":\"validation_failed\",\"message\":\"The request body does not match the send-mail request shape (to, subject, html, text, from, campaign {name, type}).\"}}";
}
