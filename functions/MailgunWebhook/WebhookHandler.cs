using System.Globalization;
using CrmMail.Aws.ApiGateway;
using CrmMail.Hosting;
using CrmMail.Hosting.Http;
using CrmMail.Hosting.Logging;
using CrmMail.Hosting.Responses;
using CrmMail.Inbound.Mailgun;
using CrmMail.Kernel;
using CrmMail.Lambda.APIGatewayEvents;
using CrmMail.Lambda.Core;
using CrmMail.Lambda.RuntimeSupport;
using CrmMail.Subscriptions.Audit;

namespace CrmMail.Functions.MailgunWebhook;

/// <summary>HTTP in, <see cref="MailgunWebhookFlow"/>, HTTP out: 200, 400 (a body flagged base64 that is not), 401, 406, or 503 for transient trouble (Mailgun retries).</summary>
internal sealed class WebhookHandler(MailgunWebhookFlow flow, TimeProvider timeProvider)
{
    public const string ApiVersion = "1.0";

    public async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context)
    {
        var view = new RequestView(request);
        if (view.Method != "POST")
        {
            return Reply(405, "Use POST.", null);
        }

        if (!view.TryBodyText(out var body))
        {
            // API Gateway's flag with a body that is not base64: nothing Mailgun sent, so a plain 400.
            return Reply(400, RequestBody.InvalidEncodingMessage, null);
        }

        var webhook = WebhookBody.Parse(view.Header("Content-Type"), body);

        using var deadline = InvocationDeadline.Start(context);
        MailgunOutcome outcome;
        try
        {
            outcome = await flow.RunAsync(webhook, HttpAuditContext.For(view, context, AuditSource.Webhook), deadline.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DependencyUnavailableException || deadline.Explains(exception))
        {
            context.Logger.WriteWarning("A dependency is unavailable; Mailgun will retry.", LogField.Of("reason", exception.Message));
            var unavailable = Reply(503, "Temporarily unavailable; retry later.", webhook?.Event);
            unavailable.Headers!["Retry-After"] = "60";
            return unavailable;
        }

        var status = StatusOf(outcome.Verdict);
        context.Logger.WriteInformation("mailgun webhook", LogField.Of("status", (long)status), LogField.Of("reason", outcome.Reason), LogField.Of("eventType", outcome.Event?.Type), LogField.Of("eventId", outcome.Event?.Id));
        return Reply(status, outcome.Message, outcome.Event);
    }

    // The one place a verdict becomes HTTP: 406 tells Mailgun to stop retrying, 401 refuses, 200 acknowledges.
    private static int StatusOf(MailgunVerdict verdict) => verdict switch
    {
        MailgunVerdict.Processed or MailgunVerdict.Duplicate => 200,
        MailgunVerdict.NotAWebhook => 406,
        MailgunVerdict.Unauthenticated => 401,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    private APIGatewayProxyResponse Reply(int status, string message, MailgunEvent? mailgunEvent) => ApiResponses.Json(
        status,
        new WebhookReply(status == 200, message, mailgunEvent?.Id, mailgunEvent?.Type, timeProvider.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), ApiVersion),
        WebhookJsonContext.Default.WebhookReply);
}
