using System.Globalization;
using System.Text.Json;
using CrmMail.Aws.ApiGateway;
using CrmMail.Hosting;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Responses;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Subscriptions;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.AddContact;

/// <summary>HTTP in, <see cref="AddContactFlow"/>, HTTP out; CORS headers on every response.</summary>
internal sealed class AddContactHandler(AddContactFlow flow, PiiHasher hasher, IReadOnlyList<string> corsOrigins, TimeProvider timeProvider)
{
    private readonly CorsPolicy _cors = new() { Origins = corsOrigins, Methods = "POST, OPTIONS" };

    /// <summary>The version field of every reply.</summary>
    public const string ApiVersion = "1.0";

    private const int MaxBodyBytes = 16 * 1024;

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var view = new RequestView(request);
        if (view.Method == "OPTIONS")
        {
            return WithCors(view, ApiResponses.Text(204, string.Empty));
        }

        if (view.Method != "POST")
        {
            return Reply(view, 405, "method_not_allowed", "Use POST.");
        }

        if (!view.TryBodyText(out var text))
        {
            return Reply(view, 400, RequestBody.InvalidEncodingCode, RequestBody.InvalidEncodingMessage);
        }

        AddContactBody? body;
        try
        {
            body = text.Length > MaxBodyBytes ? null : JsonSerializer.Deserialize(text, AddContactJsonContext.Default.AddContactBody);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return Reply(view, 400, "invalid_json", "The body must be a JSON object {email, topics?, token?} of at most 16 KB.");
        }

        var authorization = view.Header("Authorization");
        string? bearer = null;
        if (authorization is not null)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return Reply(view, 401, "invalid_credentials", "Authorization must be 'Bearer <Firebase ID token>'.");
            }

            bearer = authorization["Bearer ".Length..].Trim();
        }

        var audit = HttpAuditContext.For(view, context, AuditSource.AddContact);
        using var deadline = InvocationDeadline.Start(context);

        AddContactOutcome outcome;
        try
        {
            outcome = await flow.RunAsync(body.Email, body.Topics, body.Token, bearer, audit, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            context.Logger.WriteWarning("A dependency is unavailable; the caller should retry.", LogField.Of("reason", exception.Message));
            var unavailable = Reply(view, 503, "unavailable", "A dependency is temporarily unavailable; please retry.");
            unavailable.Headers!["Retry-After"] = "30";
            return unavailable;
        }

        context.Logger.WriteInformation(
            "add-contact",
            LogField.Of("status", outcome.Status.ToString()),
            LogField.Of("reason", outcome.Reason),
            LogField.Of("changed", outcome.Changed),
            LogField.Of("contactHash", EmailAddress.IsPlausible(body.Email) ? hasher.Hash(body.Email!) : null));
        return outcome.Status switch
        {
            AddContactStatus.Resubscribed => Reply(view, 200, null, outcome.Message, outcome.Topics),
            AddContactStatus.BadRequest => Reply(view, 400, outcome.Reason, outcome.Message),
            AddContactStatus.Unauthorized => Reply(view, 401, outcome.Reason, outcome.Message),
            AddContactStatus.Forbidden => Reply(view, 403, outcome.Reason, outcome.Message),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    private APIGatewayProxyResponse Reply(RequestView view, int status, string? code, string message, IReadOnlyList<string>? topics = null)
    {
        var success = status is >= 200 and < 300;
        var reply = new AddContactReply(
            success,
            success ? message : null,
            success ? null : message,
            code,
            topics,
            timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ApiVersion);
        var response = ApiResponses.Json(status, reply, AddContactJsonContext.Default.AddContactReply);
        if (status == 401)
        {
            response.Headers!["WWW-Authenticate"] = "Bearer";
        }

        return WithCors(view, response);
    }

    private APIGatewayProxyResponse WithCors(RequestView view, APIGatewayProxyResponse response)
    {
        _cors.Apply(view.Header("Origin"), response.Headers!);
        return response;
    }
}
