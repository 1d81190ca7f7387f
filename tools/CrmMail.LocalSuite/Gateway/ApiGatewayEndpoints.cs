using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmMail.Hosting.Logging;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Gateway;

/// <summary>
/// The API Gateway stand-in's endpoints: the routes of <see cref="RouteTable"/> under
/// <c>/{stage}/</c>, the API key check, the proxy event and the function's answer, both through
/// the wire format. Several API keys may be valid (a usage plan's keys), each with its own id,
/// which the function sees as the caller (the campaign API's owner).
/// </summary>
internal sealed class ApiGatewayEndpoints(string stage, IReadOnlyList<(string Value, string Id)> apiKeys, Func<Task<SuiteComposition>> functionsReady, LambdaLogger logger, TimeProvider time)
{
    /// <summary>The deadline each function gets (API Gateway's 29 s integration limit).</summary>
    private static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(29);

    public void Map(WebApplication app)
    {
        var prefix = "/" + stage;
        // The deployed routes only: a function without a construct has no method in the stack,
        // so here too its routes get API Gateway's answer for a missing resource.
        foreach (var group in DeployedRoutes.All.GroupBy(r => r.Path))
        {
            var routes = group.ToList();
            app.Map(prefix + group.Key, context =>
            {
                var route = routes.FirstOrDefault(r => string.Equals(r.Method, context.Request.Method, StringComparison.OrdinalIgnoreCase));
                return route is null
                    ? ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 403, "Missing Authentication Token")
                    : InvokeApiAsync(context, route);
            });
        }

        // API Gateway's answer for a path with no resource.
        app.Map(prefix + "/{**rest}", context => ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 403, "Missing Authentication Token"));
    }

    private async Task InvokeApiAsync(HttpContext context, Route route)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 413, "Request Too Long").ConfigureAwait(false);
            return;
        }

        if (buffer.Length > ApiGatewayProxy.MaxBodyBytes)
        {
            await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 413, "Request Too Long").ConfigureAwait(false);
            return;
        }

        string? apiKey = null;
        string? apiKeyId = null;
        if (route.RequiresApiKey)
        {
            apiKey = context.Request.Headers["x-api-key"].ToString();
            var given = Encoding.UTF8.GetBytes(apiKey);
            // Every key is compared (constant time each), so the answer's timing names none.
            foreach (var (value, id) in apiKeys)
            {
                if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(value)))
                {
                    apiKeyId ??= id;
                }
            }

            if (apiKeyId is null)
            {
                await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 403, "Forbidden").ConfigureAwait(false);
                return;
            }
        }

        var now = time.GetUtcNow();
        var requestId = Guid.NewGuid().ToString();
        var built = ApiGatewayProxy.BuildEvent(context.Request, route, stage, buffer.ToArray(), requestId, now, [], apiKey, apiKeyId);

        // Through the wire format both ways, exactly as the Lambda service hands it over.
        var delivered = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(built, LambdaEventsJsonContext.Default.APIGatewayProxyRequest), LambdaEventsJsonContext.Default.APIGatewayProxyRequest)!;
        var function = route.Function switch
        {
            FunctionNames.SendMail => functions.SendMail,
            FunctionNames.Unsubscribe => functions.Unsubscribe,
            FunctionNames.AddContact => functions.AddContact,
            FunctionNames.MailgunWebhook => functions.MailgunWebhook,
            FunctionNames.OutreachSend => functions.OutreachSend,
            FunctionNames.Gallery => functions.Gallery,
            FunctionNames.OutreachStats => functions.OutreachStats,
            FunctionNames.Campaigns => functions.CampaignsApi,
            _ => throw new InvalidOperationException($"No local host for {route.Function}."),
        };
        var traceId = built.Headers!["X-Amzn-Trace-Id"];
        var lambdaContext = new LocalLambdaContext(route.Function, requestId, traceId, logger.ForInvocation(requestId, traceId), now + FunctionTimeout, time);
        APIGatewayProxyResponse response;
        try
        {
            var result = await function(delivered, lambdaContext).ConfigureAwait(false);
            response = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(result, LambdaEventsJsonContext.Default.APIGatewayProxyResponse), LambdaEventsJsonContext.Default.APIGatewayProxyResponse)!;
        }
#pragma warning disable CA1031 // As in Lambda: a function error becomes API Gateway's 502, logged, never shown.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            lambdaContext.Logger.WriteError("Unhandled function error.", LogField.Of("errorType", exception.GetType().Name), LogField.Of("function", route.Function));
            await ApiGatewayProxy.WriteGatewayErrorAsync(context.Response, 502, "Internal server error").ConfigureAwait(false);
            return;
        }

        await ApiGatewayProxy.WriteResponseAsync(context.Response, response, context.RequestAborted).ConfigureAwait(false);
    }
}
