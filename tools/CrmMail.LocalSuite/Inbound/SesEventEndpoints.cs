using System.Text;
using System.Text.Json;
using CrmMail.Functions.SesEvents;
using CrmMail.Hosting.Logging;
using CrmMail.Inbound.SesEvents;
using CrmMail.Kernel;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Inbound;

/// <summary>
/// The SES event-publishing stand-in's endpoints (configuration set → SNS → SesEvents):
/// <c>POST /inbound/ses-event</c> takes any SES event record as SES publishes it and answers the
/// function's report; <c>POST /outbox/{id}/ses-event/{kind}</c> simulates a delivery, open, click,
/// bounce (permanent or soft) or complaint of an outbox message through the same path.
/// </summary>
internal sealed class SesEventEndpoints(Func<Task<SuiteComposition>> functionsReady, LambdaLogger logger, TimeProvider time)
{
    public void Map(WebApplication app)
    {
        app.MapPost("/inbound/ses-event", InboundAsync);
        app.MapPost("/outbox/{id}/ses-event/{kind}", SimulateAsync);
    }

    // POST /inbound/ses-event: the body is the SES record (the string SNS carries in Message).
    private async Task InboundAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[SesEventParser.MaxMessageLength + 1];
        var read = await reader.ReadBlockAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (read == 0 || read > SesEventParser.MaxMessageLength)
        {
            var message = "The body must be an SES event record of at most 256 KiB (what SNS carries).";
            var error = CrmMail.Hosting.Responses.ApiResponses.Error(400, "bad_request", message, [new("body", message)]);
            context.Response.StatusCode = error.StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(error.Body ?? string.Empty).ConfigureAwait(false);
            return;
        }

        var report = await DeliverAsync(context, functions, new string(buffer, 0, read)).ConfigureAwait(false);
        if (report is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(report, SesEventsJsonContext.Default.SesEventsReport)).ConfigureAwait(false);
        }
    }

    // The message page's buttons: the event SES would publish for this message, through SNS to SesEvents.
    private async Task SimulateAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        var id = (string)context.Request.RouteValues["id"]!;
        var kind = (string)context.Request.RouteValues["kind"]!;
        var message = functions.Outbox.Find(id);
        var tags = message?.Headers.FirstOrDefault(h => h.Name == "X-Local-Tags").Value ?? string.Empty;
        var link = message is null ? null : FirstLink(message.Html ?? message.Text ?? string.Empty);
        var record = message is null ? null : LocalSesEvents.Build(kind, id, message.To, ParseTags(tags), time.GetUtcNow(), link);
        if (record is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("No such message, or no such event (" + string.Join(", ", LocalSesEvents.Simulated) + ").").ConfigureAwait(false);
            return;
        }

        var report = await DeliverAsync(context, functions, record).ConfigureAwait(false);
        if (report is not null)
        {
            context.Response.Redirect($"/outbox/{id}?sesEvent={kind}&recorded={report.Recorded}", permanent: false);
        }
    }

    internal static IEnumerable<(string Name, string Value)> ParseTags(string header) => header
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(t => t.Split('=', 2))
        .Where(p => p.Length == 2 && p[0].Length > 0)
        .Select(p => (p[0], p[1]));

    private static string? FirstLink(string body)
    {
        var at = body.IndexOf("https://", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var end = body.IndexOfAny(['"', '\'', ' ', '<', '>', '\n', '\r', ')'], at);
        return end < 0 ? body[at..] : body[at..end];
    }

    // SES → SNS → SesEvents; null when the function asked for a retry (503 written).
    private async Task<SesEventsReport?> DeliverAsync(HttpContext context, SuiteComposition functions, string record)
    {
        var now = time.GetUtcNow();
        // Through the wire shape, as Lambda receives it.
        var snsEvent = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(LocalSesEvents.Wrap(record, now), LambdaEventsJsonContext.Default.SNSEvent), LambdaEventsJsonContext.Default.SNSEvent)!;
        var requestId = Guid.NewGuid().ToString();
        var lambdaContext = new LocalLambdaContext(FunctionNames.SesEvents, requestId, string.Empty, logger.ForInvocation(requestId, null), now + TimeSpan.FromSeconds(30), time);
        try
        {
            return await functions.SesEvents(snsEvent, lambdaContext).ConfigureAwait(false);
        }
        catch (DependencyUnavailableException exception)
        {
            // In Lambda the event is retried; here the caller tries again.
            lambdaContext.Logger.WriteWarning("A dependency is unavailable; retry.", LogField.Of("reason", exception.Message));
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "30";
            await context.Response.WriteAsync("A dependency is unavailable; try again.").ConfigureAwait(false);
            return null;
        }
    }
}
