using System.Text.Json;
using CrmMail.Hosting.Logging;
using CrmMail.Functions.MailtoUnsubscribe;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.Serialization.SystemTextJson;
using CrmMail.LocalSuite.Pages;
using CrmMail.Routes;
using CrmMail.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmMail.LocalSuite.Inbound;

/// <summary>
/// The inbound-mail stand-in's endpoints (SES receipt → SNS → the mailto function): any raw
/// message at <c>/inbound/mail</c>, and each outbox message's mailto reply.
/// </summary>
internal sealed class InboundEndpoints(Func<Task<SuiteComposition>> functionsReady, LambdaLogger logger, TimeProvider time)
{
    public void Map(WebApplication app)
    {
        app.MapPost("/outbox/{id}/mailto", MailtoReplyAsync);
        app.MapPost("/inbound/mail", InboundMailAsync);
    }

    private async Task MailtoReplyAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        var id = (string)context.Request.RouteValues["id"]!;
        var message = functions.Outbox.Find(id);
        var mailto = message is null ? null : LocalPages.MailtoLink(message);
        if (message is null || mailto is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("No such message, or it has no mailto unsubscribe link.").ConfigureAwait(false);
            return;
        }

        var mime = SesInboundMail.Compose(message.To, mailto.Value.Mailbox, mailto.Value.Subject, time.GetUtcNow());
        var report = await DeliverInboundAsync(context, functions, mime, InboundVerdicts.All("PASS"), null).ConfigureAwait(false);
        if (report is not null)
        {
            context.Response.Redirect($"/outbox/{id}?mailto={(report.Applied > 0 ? "applied" : "ignored")}", permanent: false);
        }
    }

    // POST /inbound/mail: any raw RFC 5322 message, as if it arrived at the unsubscribe mailbox.
    // Each of SES's verdicts can be set (?spf=&dkim=&dmarc=&spam=&virus=, PASS|FAIL|GRAY,
    // default PASS; ?verdict= sets all five) and the envelope sender SPF checked (?mailFrom=;
    // default the From address, empty for the null sender), so the sender rules can be tried.
    private async Task InboundMailAsync(HttpContext context)
    {
        var functions = await functionsReady().ConfigureAwait(false);
        var query = context.Request.Query;
        if (InboundVerdicts.FromQuery(name => query.TryGetValue(name, out var value) ? value.ToString() : null, out var badParameter) is not { } verdicts)
        {
            await WriteInboundErrorAsync(context, badParameter!, $"The query parameter {badParameter} must be PASS, FAIL or GRAY.").ConfigureAwait(false);
            return;
        }

        string? mailFrom = null;
        if (query.TryGetValue("mailFrom", out var givenMailFrom))
        {
            mailFrom = givenMailFrom.ToString().Trim();
            if (mailFrom is "<>")
            {
                mailFrom = string.Empty;
            }

            if (mailFrom.Length > 0 && (mailFrom.Length > 320 || !MimeKit.MailboxAddress.TryParse(mailFrom, out var envelope) || envelope.Address != mailFrom || !envelope.Address.Contains('@', StringComparison.Ordinal)))
            {
                await WriteInboundErrorAsync(context, "mailFrom", "The query parameter mailFrom must be an address (local@domain), or empty for the null sender.").ConfigureAwait(false);
                return;
            }
        }

        MimeKit.MimeMessage mime;
        try
        {
            mime = await MimeKit.MimeMessage.LoadAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            await WriteInboundErrorAsync(context, "body", "The body is not an RFC 5322 message.").ConfigureAwait(false);
            return;
        }

        using (mime)
        {
            var report = await DeliverInboundAsync(context, functions, mime, verdicts, mailFrom).ConfigureAwait(false);
            if (report is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(report, MailtoJsonContext.Default.MailtoReport)).ConfigureAwait(false);
            }
        }
    }

    private static async Task WriteInboundErrorAsync(HttpContext context, string field, string message)
    {
        var error = CrmMail.Hosting.Responses.ApiResponses.Error(400, "bad_request", message, [new(field, message)]);
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(error.Body ?? string.Empty).ConfigureAwait(false);
    }

    // SES receipt → SNS → the mailto function; null when the function asked for a retry (503 written).
    private async Task<MailtoReport?> DeliverInboundAsync(HttpContext context, SuiteComposition functions, MimeKit.MimeMessage mime, InboundVerdicts verdicts, string? mailFrom)
    {
        var now = time.GetUtcNow();
        var snsEvent = SesInboundMail.ToSnsEvent(mime, now, verdicts, mailFrom);
        var delivered = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(snsEvent, LambdaEventsJsonContext.Default.SNSEvent), LambdaEventsJsonContext.Default.SNSEvent)!;
        var requestId = Guid.NewGuid().ToString();
        var lambdaContext = new LocalLambdaContext(FunctionNames.MailtoUnsubscribe, requestId, string.Empty, logger.ForInvocation(requestId, null), now + TimeSpan.FromSeconds(30), time);
        try
        {
            return await functions.Mailto(delivered, lambdaContext).ConfigureAwait(false);
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
