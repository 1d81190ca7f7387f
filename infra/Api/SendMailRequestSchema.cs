using Amazon.CDK.AWS.APIGateway;

namespace CrmMail.Infra.Api;

/// <summary>
/// The JSON schema (draft 4, as API Gateway reads it) of the POST /send-mail body
/// (CrmMail.Mail.Validation.SendMailRequest). It checks only shape: required fields, types,
/// the campaign type's values and the subject's and campaign name's lengths. Everything
/// the function accepts passes (tests prove it with SendMailValidator); the function keeps
/// the rules a schema cannot state (address syntax, line breaks, limits that are settings).
/// </summary>
public static class SendMailRequestSchema
{
    public static JsonSchema Build() => new()
    {
        Schema = JsonSchemaVersion.DRAFT4,
        Title = "SendMailRequest",
        Type = JsonSchemaType.OBJECT,
        Required = ["to", "subject", "html", "text", "from", "campaign"],
        Properties = new Dictionary<string, IJsonSchema>
        {
            // The count limit (the maximum recipients setting, after de-duplication) stays the function's: a setting and a 413.
            ["to"] = new JsonSchema { Type = JsonSchemaType.ARRAY, MinItems = 1, Items = new JsonSchema { Type = JsonSchemaType.STRING } },
            // maxLength counts code points, never more than .NET's UTF-16 length: nothing the function accepts is refused.
            ["subject"] = new JsonSchema { Type = JsonSchemaType.STRING, MinLength = 1, MaxLength = 998 },
            ["html"] = new JsonSchema { Type = JsonSchemaType.STRING, MinLength = 1 },
            ["text"] = new JsonSchema { Type = JsonSchemaType.STRING, MinLength = 1 },
            ["from"] = new JsonSchema { Type = JsonSchemaType.STRING, MinLength = 1 },
            ["replyTo"] = new JsonSchema { Type = new[] { JsonSchemaType.STRING, JsonSchemaType.NULL } },
            ["campaign"] = new JsonSchema
            {
                Type = JsonSchemaType.OBJECT,
                Required = ["name", "type"],
                Properties = new Dictionary<string, IJsonSchema>
                {
                    ["name"] = new JsonSchema { Type = JsonSchemaType.STRING, MinLength = 1, MaxLength = 256 },
                    ["type"] = new JsonSchema { Type = JsonSchemaType.STRING, Enum = ["financial", "newsletter"] },
                },
            },
            ["attachReporting"] = new JsonSchema { Type = new[] { JsonSchemaType.BOOLEAN, JsonSchemaType.NULL } },
            // Checked by the function only with attachReporting (null entries pass without it).
            ["customIds"] = new JsonSchema { Type = new[] { JsonSchemaType.ARRAY, JsonSchemaType.NULL }, Items = new JsonSchema { Type = new[] { JsonSchemaType.STRING, JsonSchemaType.NULL } } },
            // month and year (top level and in campaign) are strings or numbers, read only with
            // attachReporting: any JSON passes here, so they are not listed.
        },
    };

    /// <summary>The body API Gateway answers when the schema refuses a request: the contract's error shape and code.</summary>
    public const string RejectionBody = "{\"error\":{\"code\":\"validation_failed\",\"message\":\"The request body does not match the send-mail request shape (to, subject, html, text, from, campaign {name, type}).\"}}";
}
